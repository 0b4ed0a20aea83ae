package dev.scapula.capture.block;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.TruncatedCaptureException;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.io.CaptureInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Reads the blocks of a capture one at a time through a reusable off-heap window, checking
 * every length before trusting it, so memory stays flat however large the file.
 *
 * <pre>
 * generic block (all integers in the section's byte order):
 *   0        4                  8                         8+n      total-4   total
 *   +--------+------------------+-------------------------+--------+---------+
 *   | type   | total_length     | body (n bytes)          | pad 0-3| total   |
 *   +--------+------------------+-------------------------+--------+---------+
 * section header body: magic 0x1A2B3C4D | u16 major | u16 minor | u64 section_length | options...
 * </pre>
 */
public final class BlockReader implements AutoCloseable {
    /** Block type plus total length. */
    public static final int HEADER_LENGTH = 8;
    /** The repeated total length. */
    public static final int TRAILER_LENGTH = 4;
    /** Smallest block: header and trailer around an empty body. */
    public static final int MIN_BLOCK_LENGTH = HEADER_LENGTH + TRAILER_LENGTH;
    /** libscap reads non-large event blocks into a buffer of this many bytes (body plus trailer). */
    public static final int CAPPED_BLOCK_LIMIT = 65536;
    /**
     * Largest scapula manifest body: init configs and open params are small JSON and strings, and
     * a manifest comes with captures from anywhere, so its block is refused before it is buffered.
     */
    public static final int MANIFEST_BODY_LIMIT = 1 << 20;
    /** The byte-order magic as read in the file's own order. */
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int SHB_MAGIC_OFFSET = HEADER_LENGTH;
    /** Largest block a direct buffer can hold; larger ones are refused with a message. */
    private static final int MAX_BLOCK_LENGTH = Integer.MAX_VALUE - 64;
    private static final int INITIAL_WINDOW = 1 << 20;

    private final CaptureInput input;
    private BytesStore<?, ByteBuffer> store;
    private ByteBuffer window;
    /** File offset of window index 0. */
    private long windowBase;
    /** Index of the current block's first byte, and of the end of valid data. */
    private int start;
    private int end;
    private boolean eof;
    /** Why a compressed stream stopped early, if it was not a plain end of input. */
    private IOException streamError;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    private long number;
    private int type;
    private int totalLength;
    private int currentLength;
    private BlockBody body;
    private final BlockBody bodyView;
    private boolean closed;

    public BlockReader(CaptureInput input) {
        this.input = input;
        this.bodyView = new BlockBody(input.name());
        allocate(INITIAL_WINDOW);
    }

    /**
     * Moves to the next block; returns false at a clean end of file (no bytes left at a block
     * boundary).
     *
     * @throws TruncatedCaptureException when the file ends inside a block
     * @throws CaptureException          when compressed data is corrupt, after the blocks before it
     * @throws CaptureException          when a block's lengths are impossible
     */
    public boolean next() throws IOException {
        start += currentLength;
        currentLength = 0;
        body = null;
        boolean whole = ensure(HEADER_LENGTH);
        if (number == 0 && offset() == 0) {
            checkStartsLikeACapture();
        }
        if (!whole) {
            if (end == start && streamError == null) {
                return false;
            }
            throw truncated(number + 1, null, "only " + (end - start) + " of the 8 bytes of a block header");
        }
        long blockNo = number + 1;
        int t = window.getInt(start);
        if (t == BlockType.SECTION_HEADER) {
            detectOrder(blockNo);
        }
        long total = window.getInt(start + 4) & 0xffffffffL;
        checkLength(blockNo, t, total);
        long remaining = input.knownSize() < 0 ? -1 : input.knownSize() - offset();
        if (remaining >= 0 && total > remaining) {
            if (BlockType.name(t).startsWith("UNKNOWN")) {
                throw new CaptureException(input.name(), offset(), blockNo, BlockType.name(t),
                        "block length " + total + " is larger than the " + remaining + " bytes left in the file");
            }
            throw truncated(blockNo, BlockType.name(t),
                    "the block claims " + total + " bytes but only " + remaining + " remain");
        }
        if (BlockType.isEvent(t) && !BlockType.isSizeCapped(t) && total > end - start) {
            checkLargeEventLength(blockNo, t, total);
        }
        if (!ensureBlock(blockNo, t, (int) total)) {
            throw truncated(blockNo, BlockType.name(t),
                    "the block claims " + total + " bytes but only " + (end - start) + " remain");
        }
        int trailer = window.getInt(start + (int) total - TRAILER_LENGTH);
        if ((trailer & 0xffffffffL) != total) {
            throw new CaptureException(input.name(), offset(), blockNo, BlockType.name(t),
                    "trailing length " + (trailer & 0xffffffffL) + " does not match the block length " + total
                            + " (expected the same value at byte " + (offset() + total - TRAILER_LENGTH) + ")");
        }
        number = blockNo;
        type = t;
        totalLength = (int) total;
        currentLength = (int) total;
        bodyView.reset(window, start + HEADER_LENGTH, totalLength - MIN_BLOCK_LENGTH, offset(), number, type);
        body = bodyView;
        return true;
    }

    /**
     * Refuses a file that does not start with a section header's type before reading any length
     * from it: a text file or an image is not a damaged capture, and a block-length message
     * about its bytes would send the user hunting for damage that is not there.
     */
    private void checkStartsLikeACapture() throws CaptureException {
        int n = Math.min(end - start, 4);
        boolean matches = true;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = window.get(start + i) & 0xff;
            matches &= b == ((BlockType.SECTION_HEADER >>> (8 * i)) & 0xff);
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", b));
        }
        if (!matches) {
            throw new CaptureException(input.name(), 0, 0, null, "not a .scap capture: it starts with " + hex
                    + " (a capture starts with 0a 0d 0d 0a, a section header block)");
        }
    }

    private void detectOrder(long blockNo) throws IOException {
        if (!ensure(SHB_MAGIC_OFFSET + 4)) {
            throw truncated(blockNo, BlockType.name(BlockType.SECTION_HEADER),
                    "only " + (end - start) + " bytes of a section header");
        }
        int magicLe = window.order(ByteOrder.LITTLE_ENDIAN).getInt(start + SHB_MAGIC_OFFSET);
        if (magicLe == BYTE_ORDER_MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (magicLe == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new CaptureException(input.name(), offset() + SHB_MAGIC_OFFSET, blockNo,
                    BlockType.name(BlockType.SECTION_HEADER),
                    String.format("invalid byte-order magic 0x%08X (expected 4D 3C 2B 1A, or 1A 2B 3C 4D for "
                            + "a big-endian section)", magicLe));
        }
        window.order(order);
    }

    private void checkLength(long blockNo, int t, long total) throws CaptureException {
        // The checks run for every block: build the type's name only when one fails.
        if (total < MIN_BLOCK_LENGTH) {
            throw new CaptureException(input.name(), offset() + 4, blockNo, BlockType.name(t),
                    "block length " + total + " is smaller than the " + MIN_BLOCK_LENGTH
                            + " bytes of header and trailer");
        }
        if (BlockType.isSizeCapped(t) && total - HEADER_LENGTH > CAPPED_BLOCK_LIMIT) {
            throw new CaptureException(input.name(), offset() + 4, blockNo, BlockType.name(t),
                    "event block length " + total + " is larger than the " + (CAPPED_BLOCK_LIMIT + HEADER_LENGTH)
                            + " bytes libscap allows for a non-large event block (use 0x221 or 0x222)");
        }
        if (t == BlockType.SCAPULA_MANIFEST && total - MIN_BLOCK_LENGTH > MANIFEST_BODY_LIMIT) {
            throw new CaptureException(input.name(), offset() + 4, blockNo, BlockType.name(t),
                    "manifest block length " + total + " is larger than the " + (MANIFEST_BODY_LIMIT + MIN_BLOCK_LENGTH)
                            + " bytes a scapula manifest may take");
        }
        if (total > MAX_BLOCK_LENGTH) {
            throw new CaptureException(input.name(), offset() + 4, blockNo, BlockType.name(t),
                    "block length " + total + " is larger than the " + MAX_BLOCK_LENGTH
                            + " bytes this reader can hold in one block");
        }
    }

    /**
     * Refuses a large event block whose event length cannot fit before pulling the block in:
     * a few compressed bytes can claim gigabytes of zeros, and the event header says so first.
     * The event decoder applies the same check, with the same words, to blocks already in hand.
     */
    private void checkLargeEventLength(long blockNo, int t, long total) throws IOException {
        int eventAt = HEADER_LENGTH + EventBlockLayout.eventOffset(t);
        long available = total - MIN_BLOCK_LENGTH - EventBlockLayout.eventOffset(t);
        if (available < EventHeader.LENGTH || !ensure(eventAt + EventHeader.LENGTH)) {
            return; // too short for an event header, or cut short: the decoder or the length check says which
        }
        long len = window.getInt(start + eventAt + EventHeader.LEN) & 0xffffffffL;
        String problem = EventBlockLayout.v2LengthProblem(len, available);
        if (problem != null) {
            throw new CaptureException(input.name(), offset() + eventAt + EventHeader.LEN, blockNo,
                    BlockType.name(t), problem);
        }
    }

    /** {@link #ensure} for a whole block, refusing with our own error a block the JVM has no memory for. */
    private boolean ensureBlock(long blockNo, int t, int total) throws IOException {
        try {
            return ensure(total);
        } catch (OutOfMemoryError e) {
            // The window is direct memory, capped by -XX:MaxDirectMemorySize (by default the heap's size).
            throw new CaptureException(input.name(), offset(), blockNo, BlockType.name(t), "block length " + total
                    + " needs more direct memory than this JVM allows (" + e.getMessage()
                    + "); raise -XX:MaxDirectMemorySize or -Xmx", e);
        }
    }

    /** The stream ended inside a block: cut short, or (for compressed input) corrupt. */
    private CaptureException truncated(long blockNo, String name, String detail) {
        if (streamError != null) {
            return new CaptureException(input.name(), windowBase + end, blockNo, name, "the "
                    + input.compression().label() + " stream is corrupt after " + (windowBase + end)
                    + " uncompressed bytes: " + streamError.getMessage(), streamError);
        }
        return new TruncatedCaptureException(input.name(), offset(), blockNo, name, 0, detail, null);
    }

    /** Makes at least {@code need} bytes from {@code start} available; false if the stream ends first. */
    private boolean ensure(int need) throws IOException {
        while (end - start < need) {
            if (eof) {
                return false;
            }
            // In long: a block may claim nearly 2 GiB, and start + need must not wrap negative.
            if ((long) start + need > window.capacity()) {
                makeRoom(need);
            }
            window.limit(window.capacity()).position(end);
            int n;
            try {
                n = input.channel().read(window);
            } catch (java.io.EOFException e) {
                // A decompressor ran out of input mid-stream: the file was cut. Keep what this
                // read already put into the window before the exception.
                end = window.position();
                eof = true;
                continue;
            } catch (IOException e) {
                // Corrupt compressed data: deliver the complete blocks before it, then report it.
                end = window.position();
                eof = true;
                streamError = e;
                continue;
            }
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
        return true;
    }

    /**
     * Slides the current block to the front of the window and, when it still does not fit,
     * grows the window: never past what {@code need} asks, and for streams of unknown size
     * never to more than twice the data actually received.
     */
    private void makeRoom(int need) {
        if (start > 0) {
            window.limit(end).position(start);
            window.compact();
            windowBase += start;
            end -= start;
            start = 0;
        }
        if (need <= window.capacity()) {
            return;
        }
        int grown = (int) Math.min(need, Math.max((long) window.capacity() * 2, INITIAL_WINDOW));
        if (input.knownSize() < 0 && end < window.capacity()) {
            return; // read what fits first; grow only once the window is full of real data
        }
        BytesStore<?, ByteBuffer> old = store;
        ByteBuffer oldWindow = window;
        allocate(grown);
        oldWindow.limit(end).position(0);
        window.put(oldWindow);
        old.releaseLast();
    }

    private void allocate(int capacity) {
        store = BytesStore.elasticByteBuffer(capacity, capacity);
        window = store.underlyingObject();
        window.order(order);
        window.clear();
    }

    public long number() {
        return number;
    }

    public int type() {
        return type;
    }

    public int totalLength() {
        return totalLength;
    }

    /** File offset (uncompressed) of the current block's first byte. */
    public long offset() {
        return windowBase + start;
    }

    public ByteOrder order() {
        return order;
    }

    public BlockBody body() {
        return body;
    }

    /** The off-heap store behind the window, for zero-copy views of the current block. */
    public BytesStore<?, ByteBuffer> store() {
        return store;
    }

    /** Window index of the current block's body byte 0. */
    public int bodyIndex() {
        return start + HEADER_LENGTH;
    }

    public CaptureInput input() {
        return input;
    }

    /** The uncompressed bytes consumed so far, up to the end of the current block. */
    public long bytesRead() {
        return windowBase + start + currentLength;
    }

    /** An error inside the current block, naming its place in the file. */
    public CaptureException error(long offsetInBlock, String detail) {
        return new CaptureException(input.name(), offset() + offsetInBlock, number == 0 ? 1 : number,
                BlockType.name(type), detail);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        store.releaseLast();
        input.close();
    }
}

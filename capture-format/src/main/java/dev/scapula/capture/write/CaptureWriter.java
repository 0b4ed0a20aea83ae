package dev.scapula.capture.write;

import dev.scapula.capture.block.BlockReader;
import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.event.PluginEventLayout;
import dev.scapula.capture.event.EventTypes;
import dev.scapula.capture.event.RawEvent;
import dev.scapula.capture.io.CapturePrefix;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.io.NewFiles;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.manifest.ManifestCodec;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Writes a capture that libscap reads: section header 1.2, machine info, the scapula manifest,
 * then events in the block variants libscap's own dumper uses, staged off-heap and written in
 * large sequential writes. Not thread-safe: callers that share one serialise every call.
 *
 * <pre>
 * file:  SHB(28) | MI(192) | [SCAPULA_MANIFEST] | event blocks ...
 * event block:  type | total | u16 cpuid | [u32 flags] | v2 event | pad to 4 | total
 *   type: 0x221 / 0x222 for EF_LARGE_PAYLOAD events (322, 402, 324), 0x216 / 0x217 for others;
 *         the flags variant (0x222 / 0x217) only when flags != 0, as scap_dump does.
 * </pre>
 *
 * <p>plugin-host's {@code plugin_calls.c} writes the plugin event's block (0x221, cpuid 0, no
 * flags) itself for the recorder ({@link #blockAddress}): a change to this layout changes it there.
 */
public final class CaptureWriter implements AutoCloseable {
    /** The section header version libscap's current dumper writes. */
    public static final int MAJOR_VERSION = 1;
    public static final int MINOR_VERSION = 2;
    private static final int SHB_TOTAL = 28;
    private static final long SECTION_LENGTH_UNSPECIFIED = -1L;
    /** The machine info body is always exactly this long; libscap reads no more, no less. */
    public static final int MACHINE_INFO_BODY = 180;
    private static final int FLUSH_THRESHOLD = 1 << 20;
    private static final int CPUID_LENGTH = 2;
    private static final int FLAGS_LENGTH = 4;

    private final String name;
    private final WritableByteChannel channel;
    private final OutputStream compressor;
    /** The file (or stream) itself, under the compressor: after a failed write it is closed without a word more. */
    private final Closeable raw;
    private final EventTypes types = EventTypes.standard();
    private final Bytes<ByteBuffer> staging = Bytes.elasticByteBuffer(FLUSH_THRESHOLD * 2);
    /** A reusable view of plugin memory for encoded events. */
    private final net.openhft.chronicle.bytes.PointerBytesStore encodedView = new net.openhft.chronicle.bytes.PointerBytesStore();
    /** The digest that ties a live values sidecar to this file: of the first bytes, before compression. */
    private final CapturePrefix.Digest prefix = new CapturePrefix.Digest();
    private long events;
    private long bytesWritten;
    private boolean closed;
    /** A write failed: the file ends in a cut block, and writing the staged bytes again would put garbage after it. */
    private boolean failed;

    private CaptureWriter(String name, WritableByteChannel channel, OutputStream compressor, Closeable raw,
            CaptureOptions options)
            throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("scapula writes little-endian captures and needs a little-endian host");
        }
        this.name = name;
        this.channel = channel;
        this.compressor = compressor;
        this.raw = raw;
        // Not thread-safe, but a caller may hand the writer between threads under its own lock
        // (the recorder's periodic flush does): Chronicle's owner-thread check would refuse that.
        staging.singleThreadedCheckDisabled(true);
        writePreamble(options);
    }

    /**
     * Creates a capture file, or truncates a regular file of that name; a symbolic link there is
     * refused (see {@link NewFiles#create}).
     */
    public static CaptureWriter create(Path path, CaptureOptions options) throws IOException {
        return open(path, options, NewFiles.create(path, true));
    }

    /**
     * Creates a capture file that must not exist yet: the check and the creation are one step, so
     * two recordings cannot both take the name.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists
     */
    public static CaptureWriter createNew(Path path, CaptureOptions options) throws IOException {
        return open(path, options, NewFiles.createNew(path));
    }

    private static CaptureWriter open(Path path, CaptureOptions options, FileChannel file) throws IOException {
        try {
            if (options.compression() == Compression.NONE) {
                return new CaptureWriter(path.toString(), file, null, file, options);
            }
            OutputStream c = options.compression().compressor(Channels.newOutputStream(file), options.level());
            return new CaptureWriter(path.toString(), Channels.newChannel(c), c, file, options);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Writes a capture to any stream, e.g. standard output. */
    public static CaptureWriter to(String name, OutputStream out, CaptureOptions options) throws IOException {
        OutputStream c = options.compression().compressor(out, options.level());
        return new CaptureWriter(name, Channels.newChannel(c), c == out ? null : c, out, options);
    }

    private void writePreamble(CaptureOptions options) throws IOException {
        int shbStart = beginBlock(BlockType.SECTION_HEADER);
        staging.writeInt(BlockReader.BYTE_ORDER_MAGIC);
        staging.writeShort((short) MAJOR_VERSION);
        staging.writeShort((short) MINOR_VERSION);
        staging.writeLong(SECTION_LENGTH_UNSPECIFIED);
        endBlock(shbStart);
        assert staging.writePosition() == SHB_TOTAL;
        byte[] mi = options.machineInfo();
        int miStart = beginBlock(BlockType.MACHINE_INFO);
        staging.write(mi, 0, Math.min(mi.length, MACHINE_INFO_BODY));
        for (int i = mi.length; i < MACHINE_INFO_BODY; i++) {
            staging.writeByte((byte) 0);
        }
        endBlock(miStart);
        if (options.manifest() != null) {
            writeManifest(options.manifest());
        }
    }

    private void writeManifest(Manifest manifest) {
        byte[] body = new ManifestCodec().encode(manifest);
        int start = beginBlock(BlockType.SCAPULA_MANIFEST);
        staging.write(body);
        endBlock(start);
    }

    /** Appends a plugin event (type 322) with u32 parameter lengths, as libscap's dumper does. */
    public void writePluginEvent(long timestamp, long threadId, int pluginId, byte[] payload) throws IOException {
        int start = beginEvent(EventTypes.PLUGIN_EVENT, 0);
        int len = eventHeader(timestamp, threadId, EventTypes.PLUGIN_EVENT, 2, 4, 4 + payload.length);
        staging.writeInt(4);
        staging.writeInt(payload.length);
        staging.writeInt(pluginId);
        staging.write(payload, 0, payload.length);
        finishEvent(start, len);
    }

    /** Appends a plugin event whose payload is read from {@code payload} without an intermediate copy. */
    public void writePluginEvent(long timestamp, long threadId, int pluginId, BytesStore<?, ?> payload, long offset,
            int length) throws IOException {
        int start = beginEvent(EventTypes.PLUGIN_EVENT, 0);
        int len = eventHeader(timestamp, threadId, EventTypes.PLUGIN_EVENT, 2, 4, 4 + length);
        staging.writeInt(4);
        staging.writeInt(length);
        staging.writeInt(pluginId);
        staging.write(payload, offset, length);
        finishEvent(start, len);
    }

    /**
     * Appends a plugin event a plugin already encoded (26-byte header, u32 lengths, plugin id,
     * payload), copied straight from native memory, with the timestamp, thread id and plugin id
     * set as libscap's source engine sets them; the caller has checked the encoding.
     */
    public void writeEncodedPluginEvent(long address, int length, long timestamp, int pluginId) throws IOException {
        int start = beginEvent(EventTypes.PLUGIN_EVENT, 0);
        long eventStart = staging.writePosition();
        encodedView.set(address, length);
        staging.write((BytesStore<?, ?>) encodedView, 0L, (long) length);
        staging.writeLong(eventStart + EventHeader.TS, timestamp);
        staging.writeLong(eventStart + EventHeader.TID, -1L);
        staging.writeInt(eventStart + PluginEventLayout.PLUGIN_ID, pluginId);
        finishEvent(start, length);
    }

    /**
     * Where event blocks written outside Java go next ({@code plugin_calls.c}'s
     * {@code nextBatchesInto}, which mirrors this class's event block): the staging memory's
     * address at the write position, after handing the staged bytes to the file when past the
     * flush threshold. Write at most {@link #blockRoom()} bytes of whole blocks there, then call
     * {@link #appendedBlocks}; nothing else may be written in between.
     */
    public long blockAddress() throws IOException {
        if (staging.writePosition() >= FLUSH_THRESHOLD) {
            drain();
        }
        return staging.addressForWrite(staging.writePosition());
    }

    /** Bytes that may be written at {@link #blockAddress()}. */
    public long blockRoom() {
        return staging.realCapacity() - staging.writePosition();
    }

    /** Takes {@code bytes} of whole event blocks, {@code count} events, written at {@link #blockAddress()}. */
    public void appendedBlocks(long bytes, long count) throws IOException {
        if (bytes < 0 || bytes > blockRoom()) {
            throw new IllegalArgumentException(bytes + " bytes of blocks do not fit in the " + blockRoom()
                    + " bytes of room");
        }
        staging.writeSkip(bytes);
        events += count;
        if (!prefix.complete()) {
            hashStaged();
        }
        if (staging.writePosition() >= FLUSH_THRESHOLD) {
            drain();
        }
    }

    /**
     * Appends an event a plugin already encoded as a whole v2 event (header, lengths, values),
     * as libsinsp's dumper writes dumped state: the block variant follows the event type.
     */
    public void writeEncodedEvent(byte[] event) throws IOException {
        if (event.length < EventHeader.LENGTH) {
            throw new IllegalArgumentException("an encoded event has at least " + EventHeader.LENGTH
                    + " bytes, not " + event.length);
        }
        int type = (event[EventHeader.TYPE] & 0xff) | (event[EventHeader.TYPE + 1] & 0xff) << 8;
        int start = beginEvent(type, 0, 0, event.length);
        staging.write(event);
        finishEvent(start, event.length);
    }

    /** Appends an async event (type 402); the name gets its NUL, counted in its length. */
    public void writeAsyncEvent(long timestamp, long threadId, int pluginId, String asyncName, byte[] data)
            throws IOException {
        byte[] nameBytes = asyncName.getBytes(StandardCharsets.UTF_8);
        int start = beginEvent(EventTypes.ASYNC_EVENT, 0);
        int len = eventHeader(timestamp, threadId, EventTypes.ASYNC_EVENT, 3, 4,
                4 + nameBytes.length + 1 + data.length);
        staging.writeInt(4);
        staging.writeInt(nameBytes.length + 1);
        staging.writeInt(data.length);
        staging.writeInt(pluginId);
        staging.write(nameBytes);
        staging.writeByte((byte) 0);
        staging.write(data);
        finishEvent(start, len);
    }

    /** Appends any event from its copied parameters, with the length width its type needs. */
    public void writeEvent(RawEvent e) throws IOException {
        boolean large = types.isLarge(e.type());
        int width = large ? 4 : 2;
        long data = 0;
        for (byte[] p : e.params()) {
            if (!large && p.length > 0xffff) {
                throw new IllegalArgumentException("event type " + e.type() + " has u16 parameter lengths; a "
                        + p.length + "-byte parameter does not fit");
            }
            data += p.length;
        }
        int start = beginEvent(e.type(), e.flags(), e.cpuId(), data + (long) width * e.params().length);
        int len = eventHeader(e.timestamp(), e.threadId(), e.type(), e.params().length, width, data);
        for (byte[] p : e.params()) {
            if (large) {
                staging.writeInt(p.length);
            } else {
                staging.writeShort((short) p.length);
            }
        }
        for (byte[] p : e.params()) {
            staging.write(p);
        }
        finishEvent(start, len);
    }

    /** Appends an event straight from a reader's view (copying its parameters once). */
    public void writeEvent(Event e) throws IOException {
        writeEvent(e.copy());
    }

    private int beginEvent(int type, int flags) throws IOException {
        return beginEvent(type, flags, 0, 0);
    }

    private int beginEvent(int type, int flags, int cpuId, long approxBody) throws IOException {
        if (staging.writePosition() >= FLUSH_THRESHOLD) {
            drain();
        }
        boolean large = types.isLarge(type) || approxBody + 64 > BlockReader.CAPPED_BLOCK_LIMIT;
        int blockType = flags == 0
                ? (large ? BlockType.EVENT_V2_LARGE : BlockType.EVENT_V2)
                : (large ? BlockType.EVENT_FLAGS_V2_LARGE : BlockType.EVENT_FLAGS_V2);
        int start = beginBlock(blockType);
        staging.writeShort((short) cpuId);
        if (flags != 0) {
            staging.writeInt(flags);
        }
        return start;
    }

    private int eventHeader(long ts, long tid, int type, int nparams, int width, long dataBytes) {
        long len = EventHeader.LENGTH + (long) nparams * width + dataBytes;
        if (len > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("event of " + len + " bytes is too large for one block");
        }
        staging.writeLong(ts);
        staging.writeLong(tid);
        staging.writeInt((int) len);
        staging.writeShort((short) type);
        staging.writeInt(nparams);
        return (int) len;
    }

    private void finishEvent(int blockStart, int eventLength) throws IOException {
        endBlock(blockStart);
        events++;
        if (!prefix.complete()) {
            hashStaged();
        }
        if (staging.writePosition() >= FLUSH_THRESHOLD) {
            drain();
        }
    }

    private int beginBlock(int type) {
        int start = (int) staging.writePosition();
        staging.writeInt(type);
        staging.writeInt(0);
        return start;
    }

    private void endBlock(int start) {
        long bodyEnd = staging.writePosition();
        long body = bodyEnd - start - BlockReader.HEADER_LENGTH;
        int pad = (int) ((4 - (body & 3)) & 3);
        for (int i = 0; i < pad; i++) {
            staging.writeByte((byte) 0);
        }
        int total = (int) (staging.writePosition() - start + BlockReader.TRAILER_LENGTH);
        staging.writeInt(total);
        staging.writeInt(start + 4L, total);
    }

    /**
     * Writes what is staged (complete blocks only) to the operating system, through the
     * compressor if any, so that another process or a crash after this call sees them.
     */
    public void flush() throws IOException {
        drain();
        if (compressor != null) {
            try {
                compressor.flush();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    private void drain() throws IOException {
        if (failed) {
            throw new IOException(name + ": an earlier write failed; the file ends at its last complete block");
        }
        hashStaged();
        ByteBuffer bb = staging.underlyingObject();
        bb.limit((int) staging.writePosition()).position((int) staging.readPosition());
        try {
            while (bb.hasRemaining()) {
                bytesWritten += channel.write(bb);
            }
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        staging.clear();
    }

    /** Feeds the staged bytes the prefix digest still wants to it, each byte once. */
    private void hashStaged() {
        long wanted = prefix.wanted();
        if (wanted == 0) {
            return;
        }
        long hashed = CapturePrefix.LIMIT - wanted;
        long from = staging.readPosition() + (hashed - bytesWritten);
        int n = (int) Math.min(wanted, staging.writePosition() - from);
        if (n <= 0) {
            return;
        }
        byte[] bytes = new byte[n];
        ByteBuffer view = staging.underlyingObject().duplicate();
        view.limit((int) (from + n)).position((int) from);
        view.get(bytes);
        prefix.update(bytes, 0, n);
    }

    /**
     * The digest of the file's first bytes ({@link CapturePrefix#LIMIT}, or all of a shorter
     * file), once they are known: when that many were written, or the file is closed; empty
     * before.
     */
    public java.util.Optional<CapturePrefix> prefix() {
        if (!closed) {
            hashStaged();
        }
        return prefix.complete() || closed ? java.util.Optional.of(prefix.result()) : java.util.Optional.empty();
    }

    /** True once a write to the file failed (disk full, file size limit, ...): nothing more is written to it. */
    public boolean failed() {
        return failed;
    }

    public long eventsWritten() {
        return events;
    }

    /** Uncompressed bytes written so far, staged ones included: the size of the capture up to here. */
    public long position() {
        return bytesWritten + staging.writePosition() - staging.readPosition();
    }

    /** Uncompressed bytes handed to the file so far (staged bytes not included). */
    public long bytesWritten() {
        return bytesWritten;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            hashStaged();
            if (!failed) {
                drain();
                if (compressor != null) {
                    try {
                        compressor.close();
                    } catch (IOException e) {
                        failed = true;
                        throw e;
                    }
                }
            }
        } finally {
            try {
                // Closing the compressor's channel would finish the stream (a gzip trailer) after the cut.
                (failed ? raw : channel).close();
            } finally {
                staging.releaseLast();
            }
        }
    }
}

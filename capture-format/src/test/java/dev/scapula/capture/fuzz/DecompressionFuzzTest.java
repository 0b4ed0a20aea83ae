package dev.scapula.capture.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.DirectMemory;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.CaptureInput;
import dev.scapula.capture.io.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Arbitrary gzip and zstd streams read as captures: the first byte picks the codec and its
 * magic is put in front of the rest when missing, so every input reaches a decompressor. The
 * reader pulls only what the block in hand needs, so its off-heap window stays within twice
 * the uncompressed bytes however much a small input expands; anything but our own error, or
 * more memory than that, is a finding.
 */
class DecompressionFuzzTest {
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    /** Uncompressed bytes counted per input; a larger expansion is bounded by this count. */
    private static final int COUNT_LIMIT = 64 << 20;

    @FuzzTest(maxDuration = "20s")
    void readsAnyCompressedStreamInBoundedMemoryOrFailsWithItsOwnError(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        byte[] magic = (data[0] & 1) == 0 ? GZIP_MAGIC : ZSTD_MAGIC;
        byte[] stream = withMagic(magic, data);
        long expanded = uncompressedSize(stream);
        DirectMemory memory = DirectMemory.mark();
        try (CaptureReader r = CaptureReader.open(CaptureInput.fromStream("fuzz", new ByteArrayInputStream(stream)))) {
            if (r.compression() == Compression.NONE) {
                throw new AssertionError("a stream starting with " + magic.length + " magic bytes read as plain");
            }
            for (Event e = r.next(); e != null; e = r.next()) {
                memory.assertWithin(expanded, "event " + e.number());
                e.copy();
            }
        } catch (CaptureException expected) {
            // our own error, with offsets: the contract
        }
        memory.assertWithin(expanded, "end of stream");
    }

    private static byte[] withMagic(byte[] magic, byte[] data) {
        int rest = data.length - 1;
        boolean present = rest >= magic.length && ByteBuffer.wrap(data, 1, magic.length).equals(ByteBuffer.wrap(magic));
        ByteBuffer out = ByteBuffer.allocate((present ? 0 : magic.length) + rest);
        if (!present) {
            out.put(magic);
        }
        return out.put(data, 1, rest).array();
    }

    /** How many bytes the stream expands to before it ends or breaks, counted up to a limit. */
    private static long uncompressedSize(byte[] stream) {
        long n = 0;
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        try (CaptureInput in = CaptureInput.fromStream("count", new ByteArrayInputStream(stream))) {
            for (int r = 0; r >= 0 && n < COUNT_LIMIT; r = in.channel().read(sink.clear())) {
                n += r;
            }
        } catch (IOException broken) {
            // the count so far is what the reader can get too
        }
        return n;
    }
}

package dev.scapula.capture.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.DirectMemory;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockReader;
import dev.scapula.capture.io.CaptureInput;
import dev.scapula.capture.io.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Arbitrary plain bytes through the block reader alone, as a pipe and as a file: every block it
 * returns lies inside the input, back to back, and its body reads stay inside the block; any
 * other outcome than our own {@link CaptureException}, or off-heap memory beyond twice the
 * input, is a finding. Compressed inputs are left to {@link DecompressionFuzzTest}.
 */
class BlockReaderFuzzTest {
    private static final Path SCRATCH = Frames.scratchFile("scapula-fuzz-blocks");

    @FuzzTest(maxDuration = "20s")
    void returnsOnlyBlocksInsideTheInputOrFailsWithItsOwnError(byte[] data) throws IOException {
        if (Compression.detect(data, Math.min(data.length, 4)) != Compression.NONE) {
            return;
        }
        DirectMemory memory = DirectMemory.mark();
        try (BlockReader r = new BlockReader(CaptureInput.fromStream("fuzz", new ByteArrayInputStream(data)))) {
            walk(r, data.length, memory);
        } catch (CaptureException expected) {
            // our own error, with offsets: the contract
        }
        Files.write(SCRATCH, data);
        memory = DirectMemory.mark();
        try (BlockReader r = new BlockReader(CaptureInput.open(SCRATCH))) {
            walk(r, data.length, memory);
        } catch (CaptureException expected) {
            // our own error, with offsets: the contract
        }
    }

    private static void walk(BlockReader r, long size, DirectMemory memory) throws IOException {
        long expectedOffset = 0;
        while (r.next()) {
            memory.assertWithin(size, "block " + r.number());
            long end = r.offset() + r.totalLength();
            if (r.offset() != expectedOffset || end > size || r.totalLength() < BlockReader.MIN_BLOCK_LENGTH
                    || r.body().length() != r.totalLength() - BlockReader.MIN_BLOCK_LENGTH) {
                throw new AssertionError("block " + r.number() + " at " + r.offset() + " of length "
                        + r.totalLength() + " (body " + r.body().length() + ") does not follow the block ending at "
                        + expectedOffset + " inside " + size + " bytes");
            }
            readEveryField(r.body());
            expectedOffset = end;
        }
        if (expectedOffset != size || r.bytesRead() != size) {
            throw new AssertionError("clean end after " + expectedOffset + " of " + size + " bytes");
        }
    }

    /** Reads the body as the metadata decoders do, past its end on purpose. */
    private static void readEveryField(BlockBody body) {
        BlockBody.Cursor c = body.cursor();
        try {
            while (c.remaining() > 0) {
                c.u8("u8");
                c.u16("u16");
                c.u32("u32");
                c.u64("u64");
                c.lengthPrefixedText(1024, "text");
                c.bytes(c.remaining() / 2, "bytes");
            }
        } catch (CaptureException expected) {
            // a read past the body is refused with the body offset: the contract
        }
    }
}

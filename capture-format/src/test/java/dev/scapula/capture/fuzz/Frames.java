package dev.scapula.capture.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Little-endian block framing around fuzzed bodies, so a target's bytes reach the decoder it
 * aims at instead of stopping at the section header.
 *
 * <pre>
 * SHB:   0A0D0D0A | 28 | magic 1A2B3C4D | u16 1 | u16 2 | u64 -1 | 28
 * block: type | total | body | pad to 4 | total        (total = 8 + body + pad + 4)
 * </pre>
 */
final class Frames {
    private static final int SHB_TOTAL = 28;

    private Frames() {
    }

    /** A temporary file a target rewrites with each input, to read it as a file too; gone when the JVM ends. */
    static Path scratchFile(String prefix) {
        try {
            Path p = Files.createTempFile(prefix, ".scap");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sectionHeader() {
        return ByteBuffer.allocate(SHB_TOTAL).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x0A0D0D0A).putInt(SHB_TOTAL).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 2)
                .putLong(-1L).putInt(SHB_TOTAL).array();
    }

    /** A section header followed by one block of {@code type} around {@code body}. */
    static byte[] sectionWithBlock(int type, byte[] body, int from) {
        int bodyLength = body.length - from;
        int total = 8 + ((bodyLength + 3) & ~3) + 4;
        return ByteBuffer.allocate(SHB_TOTAL + total).order(ByteOrder.LITTLE_ENDIAN)
                .put(sectionHeader()).putInt(type).putInt(total).put(body, from, bodyLength)
                .position(SHB_TOTAL + total - 4).putInt(total).array();
    }
}

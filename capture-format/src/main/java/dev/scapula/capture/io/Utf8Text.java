package dev.scapula.capture.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user's text file read whole, bounded and as strict UTF-8: a file larger than the bound is
 * refused before it is read, and a byte that is not UTF-8 is named by line and column, where
 * Java's own decoder says only "Input length = 1".
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** The text of {@code file}, refused when it has more than {@code maxBytes} bytes or is not UTF-8. */
    public static String read(Path file, int maxBytes, String what) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw new IOException(file + ": " + Files.size(file) + " bytes, more than the " + maxBytes + " " + what
                    + " may take (refused before reading)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // a pipe or a growing file has no trustworthy size: read one byte past the bound to see
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new IOException(file + ": more than the " + maxBytes + " bytes " + what + " may take");
        }
        return decode(file, bytes);
    }

    private static String decode(Path file, byte[] bytes) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, out, true);
        if (!result.isError()) {
            result = utf8.flush(out);
        }
        if (!result.isError()) {
            return out.flip().toString();
        }
        int at = in.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // everything before the first bad byte decoded, so the column counts characters
        String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
        throw new IOException(file + ": line " + line + ", column " + (before.codePointCount(0, before.length()) + 1)
                + ": not UTF-8 (byte " + at + (at < bytes.length ? " is 0x" + String.format("%02x", bytes[at])
                : " ends a character early") + ")");
    }
}

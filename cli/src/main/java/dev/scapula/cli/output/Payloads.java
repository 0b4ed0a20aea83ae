package dev.scapula.cli.output;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Shows bytes as text when they are printable UTF-8 and as base64 otherwise, saying which, so
 * that the bytes can always be recovered exactly.
 */
public final class Payloads {
    /** How a payload is shown: text, text that had one trailing NUL removed, or base64. */
    public enum Encoding {
        TEXT("text"), TEXT_NUL("text+nul"), BASE64("base64");

        private final String label;

        Encoding(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A payload as shown: its encoding and the shown value. */
    public record Shown(Encoding encoding, String value) {
    }

    private Payloads() {
    }

    public static Shown show(byte[] bytes) {
        int len = bytes.length;
        // Async data is often JSON plus a NUL, as the SDKs encode it: show it as text, say so.
        boolean trailingNul = len > 0 && bytes[len - 1] == 0;
        int textLen = trailingNul ? len - 1 : len;
        String text = printable(bytes, textLen);
        if (text != null) {
            return new Shown(trailingNul ? Encoding.TEXT_NUL : Encoding.TEXT, text);
        }
        return new Shown(Encoding.BASE64, Base64.getEncoder().encodeToString(bytes));
    }

    private static String printable(byte[] bytes, int len) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return s;
    }
}

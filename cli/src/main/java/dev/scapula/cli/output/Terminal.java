package dev.scapula.cli.output;

/**
 * The one sanitiser for text output: control characters that came from a capture, a plugin or a
 * file are shown as {@code \xHH} escapes, never sent to the terminal to obey.
 *
 * <p>Escaped are C0 (U+0000-U+001F, newline and tab included: a value holding a newline could
 * otherwise forge a line of output), DEL (U+007F) and C1 (U+0080-U+009F, where U+009B is a CSI
 * that some terminals act on). JSON output needs no call here: {@link Json} escapes the same
 * characters as {@code \}{@code u00XX}.
 */
public final class Terminal {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Terminal() {
    }

    /** {@code text} with every control character as {@code \xHH}; null stays null. */
    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !control(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (control(c)) {
                b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether {@code c} is C0, DEL or C1: the characters terminals act on. */
    public static boolean control(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}

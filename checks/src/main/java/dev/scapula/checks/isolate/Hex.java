package dev.scapula.checks.isolate;

/** Payload bytes as a short hex preview for reports. */
public final class Hex {
    private static final int SHOWN = 64;

    private Hex() {
    }

    /** {@code N bytes: 01 02 ...}, at most 64 bytes shown. */
    public static String preview(byte[] b) {
        StringBuilder s = new StringBuilder().append(b.length).append(b.length == 1 ? " byte" : " bytes");
        if (b.length > 0) {
            s.append(':');
        }
        for (int i = 0; i < Math.min(b.length, SHOWN); i++) {
            s.append(' ').append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return b.length > SHOWN ? s.append(" ...").toString() : s.toString();
    }

    /** All bytes as continuous lowercase hex (for JSON). */
    public static String of(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }
}

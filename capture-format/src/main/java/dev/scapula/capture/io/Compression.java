package dev.scapula.capture.io;

/**
 * How the bytes of a capture are compressed on disk, told from the first bytes, never from the
 * file name.
 */
public enum Compression {
    /** Plain block stream, what libscap writes without {@code -z}. */
    NONE,
    /** gzip, possibly several concatenated members; what libscap writes with {@code -z}. */
    GZIP,
    /** zstd frames: scapula's extension, not readable by libscap. */
    ZSTD;

    // gzip member:  1f 8b ...            (RFC 1952)
    // zstd frame:   28 b5 2f fd ...      (RFC 8878, magic 0xFD2FB528 little-endian)
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int ZSTD_MAGIC = 0xFD2FB528;

    /** Tells the compression from up to the first four bytes of a file; fewer bytes mean NONE. */
    public static Compression detect(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == GZIP_MAGIC_0 && (head[1] & 0xff) == GZIP_MAGIC_1) {
            return GZIP;
        }
        if (length >= 4) {
            int magic = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
            if (magic == ZSTD_MAGIC) {
                return ZSTD;
            }
        }
        return NONE;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

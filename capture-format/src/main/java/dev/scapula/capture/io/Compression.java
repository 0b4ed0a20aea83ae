package dev.scapula.capture.io;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

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
    private static final int BUFFER = 1 << 16;
    /** zstd's own default: as fast as gzip's fastest, smaller than its best. */
    private static final int ZSTD_DEFAULT_LEVEL = 3;

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

    /**
     * A stream that compresses what it is given into {@code raw} (buffered; {@code raw} itself
     * when NONE), at {@code level} or this compression's default when it is negative. A flush of
     * a gzip stream ends a deflate block on a byte boundary, so everything flushed can be read
     * back even if the process dies before the gzip trailer is written.
     */
    public OutputStream compressor(OutputStream raw, int level) throws IOException {
        if (this == NONE) {
            return raw;
        }
        OutputStream buffered = new BufferedOutputStream(raw, BUFFER);
        if (this == GZIP) {
            return new GZIPOutputStream(buffered, BUFFER, true) {
                {
                    def.setLevel(level < 0 ? Deflater.DEFAULT_COMPRESSION : level);
                }
            };
        }
        return new ZstdOutputStream(buffered, level < 0 ? ZSTD_DEFAULT_LEVEL : level);
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

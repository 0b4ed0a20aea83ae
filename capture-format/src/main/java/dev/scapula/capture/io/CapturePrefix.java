package dev.scapula.capture.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What tells one capture from another: the sha256 of the first {@link #LIMIT} bytes (or all, if
 * fewer) of its uncompressed stream. Those bytes hold the manifest and the first events with
 * their timestamps, so two recordings differ there, and compression does not change them.
 */
public record CapturePrefix(long bytes, String sha256) {
    /** How much of a capture the digest covers at most. */
    public static final int LIMIT = 64 * 1024;

    public CapturePrefix {
        if (bytes < 0 || bytes > LIMIT) {
            throw new IllegalArgumentException("a capture prefix is 0 to " + LIMIT + " bytes, not " + bytes);
        }
    }

    /**
     * The prefix of {@code capture}'s uncompressed stream that is {@code bytes} long, or as much
     * of it as there is when the capture is shorter (then {@link #bytes()} says how much).
     */
    public static CapturePrefix of(Path capture, long bytes) throws IOException {
        Digest d = new Digest(Math.min(bytes, LIMIT));
        try (CaptureInput in = CaptureInput.open(capture)) {
            ReadableByteChannel ch = in.channel();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (!d.complete()) {
                buf.clear().limit((int) Math.min(buf.capacity(), d.limit - d.seen));
                int n = ch.read(buf);
                if (n < 0) {
                    break;
                }
                d.update(buf.array(), 0, n);
            }
        }
        return d.result();
    }

    /** Accumulates the digest as the stream's bytes go by, ignoring those past its limit. */
    public static final class Digest {
        private final MessageDigest md;
        private final long limit;
        private long seen;
        private CapturePrefix result;

        /** Covers at most {@link #LIMIT} bytes. */
        public Digest() {
            this(LIMIT);
        }

        private Digest(long limit) {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
            this.limit = limit;
        }

        /** Bytes still wanted. */
        public long wanted() {
            return limit - seen;
        }

        /** True once every byte the digest covers went by. */
        public boolean complete() {
            return seen == limit;
        }

        /** The next bytes of the stream; what goes past the limit is not looked at. */
        public void update(byte[] b, int offset, int length) {
            if (result != null) {
                return;
            }
            int n = (int) Math.min(length, wanted());
            if (n > 0) {
                md.update(b, offset, n);
                seen += n;
            }
        }

        /** The digest of the bytes seen so far; no more bytes are taken after this. */
        public CapturePrefix result() {
            if (result == null) {
                result = new CapturePrefix(seen, HexFormat.of().formatHex(md.digest()));
            }
            return result;
        }
    }
}

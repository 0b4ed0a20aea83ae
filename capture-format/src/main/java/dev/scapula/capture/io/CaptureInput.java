package dev.scapula.capture.io;

import com.github.luben.zstd.ZstdInputStream;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.TruncatedCaptureException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The uncompressed byte stream of one capture, from a file or standard input, with the
 * compression told from its first bytes.
 */
public final class CaptureInput implements AutoCloseable {
    private static final int SNIFF_BYTES = 4;
    private static final int STREAM_BUFFER = 1 << 16;

    private final String name;
    private final Compression compression;
    private final ReadableByteChannel channel;
    private final long knownSize;
    private final CountingInputStream rawCounter;
    private final FileChannel file;
    private boolean closed;

    private CaptureInput(String name, Compression compression, ReadableByteChannel channel, long knownSize,
            CountingInputStream rawCounter, FileChannel file) {
        this.name = name;
        this.compression = compression;
        this.channel = channel;
        this.knownSize = knownSize;
        this.rawCounter = rawCounter;
        this.file = file;
    }

    /** Opens a capture file; {@code "-"} means standard input. */
    public static CaptureInput open(String nameOrDash) throws IOException {
        if ("-".equals(nameOrDash)) {
            return fromStream("-", System.in);
        }
        return open(Path.of(nameOrDash));
    }

    public static CaptureInput open(Path path) throws IOException {
        return open(path, false);
    }

    /**
     * Opens a capture file; when {@code readAhead}, a compressed file is decompressed on a second
     * thread a few chunks ahead of the reader (same bytes, same errors at the same place).
     */
    public static CaptureInput open(Path path, boolean readAhead) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            byte[] head = new byte[SNIFF_BYTES];
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(head);
            while (bb.hasRemaining() && ch.read(bb) > 0) {
                // keep reading: a short read is legal on a regular file
            }
            Compression c = Compression.detect(head, bb.position());
            ch.position(0);
            if (c == Compression.NONE) {
                return new CaptureInput(path.toString(), c, ch, ch.size(), null, ch);
            }
            CountingInputStream counter = new CountingInputStream(Channels.newInputStream(ch));
            InputStream plain = decompress(path.toString(), c, counter);
            if (readAhead) {
                plain = new ReadAhead(plain, path.getFileName().toString());
            }
            return new CaptureInput(path.toString(), c, Channels.newChannel(plain), -1, counter, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads a capture from any stream, e.g. a pipe; its size is not known in advance. */
    public static CaptureInput fromStream(String name, InputStream in) throws IOException {
        PushbackInputStream pb = new PushbackInputStream(new BufferedInputStream(in, STREAM_BUFFER), SNIFF_BYTES);
        byte[] head = new byte[SNIFF_BYTES];
        int n = 0;
        while (n < SNIFF_BYTES) {
            int r = pb.read(head, n, SNIFF_BYTES - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        pb.unread(head, 0, n);
        Compression c = Compression.detect(head, n);
        CountingInputStream counter = new CountingInputStream(pb);
        InputStream plain = c == Compression.NONE ? counter : decompress(name, c, counter);
        return new CaptureInput(name, c, Channels.newChannel(plain), -1, counter, null);
    }

    private static InputStream decompress(String name, Compression c, InputStream raw) throws IOException {
        InputStream buffered = new BufferedInputStream(raw, STREAM_BUFFER);
        try {
            switch (c) {
                case GZIP:
                    // GZIPInputStream reads concatenated members, as zlib's gzread does.
                    return new GZIPInputStream(buffered, STREAM_BUFFER);
                case ZSTD:
                    return new ZstdInputStream(buffered);
                default:
                    return buffered;
            }
        } catch (EOFException e) {
            throw new TruncatedCaptureException(name, 0, 0, null, 0, "the " + c.label() + " header is cut short",
                    e);
        } catch (IOException e) {
            throw new CaptureException(name, 0, 0, null, "the " + c.label() + " header is corrupt: "
                    + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Compression compression() {
        return compression;
    }

    /** The uncompressed stream. */
    public ReadableByteChannel channel() {
        return channel;
    }

    /** The uncompressed size when it is known before reading (a plain file), else -1. */
    public long knownSize() {
        return knownSize;
    }

    /** Bytes read from the file or pipe itself, before decompression. */
    public long storedBytesRead() throws IOException {
        if (rawCounter != null) {
            return rawCounter.count;
        }
        return file != null ? file.position() : 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

package dev.scapula.capture.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A decompressing stream read on a second thread, a few chunks ahead of its reader, so that
 * inflating the next bytes overlaps with using the last ones. The reader gets the same bytes in
 * the same order, and a failure of the stream (a cut or corrupt file) only after every byte that
 * came before it, as the exception the stream threw.
 */
final class ReadAhead extends InputStream {
    private static final int CHUNK = 1 << 17;
    /** Chunks ahead of the reader: enough to keep both threads busy, a bounded amount of memory. */
    private static final int AHEAD = 4;

    /** A chunk of bytes, or where the stream ended: {@code length} -1 at its end, or its failure. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
    }

    private final InputStream in;
    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(AHEAD);
    /** Emptied chunk buffers, reused: no garbage per chunk. */
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(AHEAD + 2);
    private final Thread thread;
    private volatile boolean closed;
    private Chunk current;
    private int position;

    ReadAhead(InputStream in, String name) {
        this.in = in;
        this.thread = new Thread(this::fill, "scapula-read " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void fill() {
        try {
            while (!closed) {
                byte[] b = spare.poll();
                if (b == null) {
                    b = new byte[CHUNK];
                }
                int n = in.read(b, 0, b.length);
                if (!hand(new Chunk(b, n, null)) || n < 0) {
                    return;
                }
            }
        } catch (Throwable t) {
            hand(new Chunk(null, -1, t));
        }
    }

    /** Queues a chunk; false once the reader has closed the stream. */
    private boolean hand(Chunk c) {
        try {
            while (!closed) {
                if (ready.offer(c, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || (current.length() >= 0 && position == current.length())) {
            if (current != null && current.bytes() != null) {
                spare.offer(current.bytes());
            }
            try {
                current = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            position = 0;
        }
        if (current.failure() != null) {
            throw rethrown(current.failure());
        }
        if (current.length() < 0) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null || current.length() < 0 ? 0 : current.length() - position;
    }

    private static IOException rethrown(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(t);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return; // the stream underneath is closed once
        }
        closed = true;
        ready.clear();
        try {
            // the filling thread may be inside the decompressor: let it finish before that is closed
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            in.close();
        }
    }
}

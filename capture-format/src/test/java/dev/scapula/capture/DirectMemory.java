package dev.scapula.capture;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Off-heap memory taken since a mark, from the JVM's direct buffer pool, where the reader's
 * block window lives: a reader must never hold much more than the bytes that really arrived.
 */
public final class DirectMemory {
    /** The window every reader starts with (BlockReader's first allocation). */
    private static final long FIRST_WINDOW = 1 << 20;
    /** Buffers of the JDK and of Chronicle that come and go beside the window. */
    private static final long SLACK = 1 << 20;

    private final BufferPoolMXBean pool;
    private final long mark;

    private DirectMemory(BufferPoolMXBean pool) {
        this.pool = pool;
        this.mark = pool.getMemoryUsed();
    }

    public static DirectMemory mark() {
        for (BufferPoolMXBean p : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (p.getName().equals("direct")) {
                return new DirectMemory(p);
            }
        }
        throw new IllegalStateException("this JVM reports no direct buffer pool");
    }

    /** Bytes taken since the mark (negative when buffers were freed). */
    public long grown() {
        return pool.getMemoryUsed() - mark;
    }

    /**
     * Fails when the reader took more than its first window plus twice the {@code bytes} it was
     * given (the window doubles, so it may be up to twice what it holds).
     */
    public void assertWithin(long bytes, String what) {
        long grown = grown();
        if (grown > FIRST_WINDOW + SLACK + 2 * bytes) {
            throw new AssertionError(what + ": the reader holds " + grown + " bytes off-heap for " + bytes
                    + " bytes of input");
        }
    }
}

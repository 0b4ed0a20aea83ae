package dev.scapula.capture;

import dev.scapula.capture.block.BlockReader;

/** The memory a reader holds for its block window: it must never be much more than the bytes that really arrived. */
public final class WindowSize {
    /** The window every reader starts with (BlockReader's first allocation). */
    private static final long FIRST_WINDOW = 1 << 20;

    private WindowSize() {
    }

    /**
     * Fails when the reader's window is larger than its first window plus twice the {@code bytes}
     * it was given (the window doubles, so it may be up to twice what it holds).
     */
    public static void assertWithin(BlockReader reader, long bytes, String what) {
        long held = reader.windowCapacity();
        if (held > FIRST_WINDOW + 2 * bytes) {
            throw new AssertionError(what + ": the reader holds a window of " + held + " bytes for " + bytes
                    + " bytes of input");
        }
    }
}

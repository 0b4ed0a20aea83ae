package dev.scapula.cli.output;

import java.io.PrintStream;

/**
 * A progress line on stderr for long work, redrawn at most every quarter second, and only when
 * stderr is a terminal so that logs and pipes stay clean.
 */
public final class Progress implements AutoCloseable {
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private long lastDraw = System.nanoTime();
    private boolean drawn;

    public Progress(String label) {
        this(label, System.err, System.console() != null);
    }

    public Progress(String label, PrintStream err, boolean enabled) {
        this.label = label;
        this.err = err;
        this.enabled = enabled;
    }

    /** Reports the work done so far; cheap to call for every event. */
    public void update(long events, long bytes) {
        if (!enabled || (events & 0x3ff) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.printf("\r%s: %,d events, %.1f MB", label, events, bytes / 1e6);
        err.flush();
    }

    @Override
    public void close() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}

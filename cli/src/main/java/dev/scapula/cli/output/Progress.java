package dev.scapula.cli.output;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress line on stderr for long work (events, megabytes, events per second since the last
 * line, and a detail
 * such as the file being written), redrawn at most every quarter second, and only when stderr
 * is a terminal so that logs and pipes stay clean.
 */
public final class Progress implements AutoCloseable {
    private static final long INTERVAL_NANOS = 250_000_000L;
    private static final int STDERR_FD = 2;

    private final PrintWriter err;
    private final BooleanSupplier terminal;
    /** Whether lines are drawn: 0 until the first line is due (asking libc costs JNA's start-up), then 1 or -1. */
    private int enabled;
    private final String label;
    private final LongSupplier nanoClock;
    private long lastDraw;
    private long lastEvents;
    private boolean drawn;

    /** A progress line on a command's err writer, drawn only when the process's stderr is a terminal. */
    public Progress(String label, PrintWriter err) {
        this(label, err, Progress::stderrIsTerminal, System::nanoTime);
    }

    /**
     * Whether file descriptor 2 is a terminal. {@code System.console()} asks about stdin and
     * stdout, so a terminal there with stderr sent to a log would fill the log with carriage
     * returns and escape codes.
     */
    static boolean stderrIsTerminal() {
        try {
            return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("isatty")
                    .invokeInt(new Object[] {STDERR_FD}) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false; // no libc to ask: stay quiet rather than risk escapes in a log
        }
    }

    /** A progress line on {@code err}, drawn only when {@code enabled}, timed by {@code nanoClock}. */
    public Progress(String label, PrintWriter err, boolean enabled, LongSupplier nanoClock) {
        this(label, err, () -> enabled, nanoClock);
    }

    /**
     * A progress line on {@code err}, drawn only when {@code terminal} says so; it is asked once, when the
     * first line is due, so that short runs never pay for asking.
     */
    public Progress(String label, PrintWriter err, BooleanSupplier terminal, LongSupplier nanoClock) {
        this.label = label;
        this.err = err;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.lastDraw = nanoClock.getAsLong();
    }

    /** Reports the work done so far; cheap to call for every event. */
    public void update(long events, long bytes) {
        if (enabled < 0 || (events & 0x3ff) != 0) {
            return;
        }
        report(events, bytes, "");
    }

    /** Reports the work done so far with a detail appended; for callers that report now and then, not per event. */
    public void report(long events, long bytes, String detail) {
        report(events, bytes, () -> detail);
    }

    /** Reports the work done so far with a detail that is made only when a line is drawn. */
    public void report(long events, long bytes, Supplier<String> detail) {
        if (enabled < 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        if (enabled == 0) {
            enabled = terminal.getAsBoolean() ? 1 : -1;
            if (enabled < 0) {
                return;
            }
        }
        // The rate since the last line: what is happening now, not an average since the start.
        double rate = (events - lastEvents) / ((now - lastDraw) / 1e9);
        lastDraw = now;
        lastEvents = events;
        drawn = true;
        // \033[K clears what a longer earlier line left behind.
        err.printf("\r%s: %,d events, %.1f MB, %,.0f events/s%s\033[K", label, events, bytes / 1e6, rate, detail.get());
        err.flush();
    }

    /** Clears the line if one was drawn; idempotent. */
    @Override
    public void close() {
        if (drawn) {
            drawn = false;
            err.print("\r\033[K");
            err.flush();
        }
    }
}

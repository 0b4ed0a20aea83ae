package dev.scapula.cli.replay;

import dev.scapula.replayer.ReplayCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prints replayed events on a second thread, in order, while the replay reads and extracts the
 * next ones: events are copied in batches ({@link ReplayCursor#copyTo}), handed over through a
 * short queue and their cursors reused. Lines leave in the same order and with the same bytes as
 * when printed inline; {@link #finish} waits until every line handed over is printed.
 */
final class PrintAhead {
    /** Prints one event; returns false once the reader of the output has gone away. */
    @FunctionalInterface
    interface Printer {
        boolean print(ReplayCursor event) throws IOException;
    }

    private static final int BATCH = 512;
    /** Batches in flight: enough to keep both threads busy, few enough to keep the memory small. */
    private static final int BATCHES = 4;

    private final Printer printer;
    private final BlockingQueue<ReplayCursor[]> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<ReplayCursor[]> empty = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private ReplayCursor[] current;
    private int filled;
    private int batches;
    private volatile boolean stopped;
    private volatile Throwable failure;
    /** The end-of-output marker: a batch with no cursors. */
    private static final ReplayCursor[] END = new ReplayCursor[0];

    PrintAhead(Printer printer) {
        this.printer = printer;
        this.thread = new Thread(this::run, "scapula-print");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands the event over to be printed; returns false once the output's reader has gone away
     * (the replay then stops, a few batches later than an inline printer would notice).
     */
    boolean accept(ReplayCursor e) throws IOException {
        if (stopped) {
            rethrow();
            return false;
        }
        if (current == null) {
            current = nextBatch(e);
        }
        e.copyTo(current[filled++]);
        if (filled == current.length) {
            hand(current, filled);
            current = null;
            filled = 0;
        }
        return true;
    }

    /** Prints what is still waiting, stops the thread and reports a failure of its printing. */
    void finish() throws IOException {
        if (current != null && filled > 0 && !stopped) {
            hand(current, filled);
        }
        current = null;
        filled = 0;
        try {
            full.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while printing", e);
        }
        rethrow();
    }

    /**
     * As {@link #finish} but keeps quiet about a failure of the printing: when the replay itself
     * failed, whose error is the one to report.
     */
    void abandon() {
        try {
            finish();
        } catch (IOException | RuntimeException ignored) {
            // the replay's own failure is on its way out
        }
    }

    /** Whether printing stopped because the reader went away or printing failed. */
    boolean stopped() {
        return stopped;
    }

    private ReplayCursor[] nextBatch(ReplayCursor like) throws IOException {
        ReplayCursor[] b = empty.poll();
        if (b == null && batches < BATCHES) {
            batches++;
            b = new ReplayCursor[BATCH];
            for (int i = 0; i < b.length; i++) {
                b[i] = like.blank();
            }
        }
        if (b == null) {
            try {
                b = empty.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while printing", e);
            }
        }
        return b;
    }

    private void hand(ReplayCursor[] batch, int count) throws IOException {
        // an unfilled last batch ends where its count says: the cursors after it are stale
        ReplayCursor[] handed = count == batch.length ? batch : Arrays.copyOf(batch, count);
        try {
            full.put(handed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while printing", e);
        }
    }

    private void run() {
        try {
            for (ReplayCursor[] batch = full.take(); batch != END; batch = full.take()) {
                if (!stopped) {
                    for (ReplayCursor e : batch) {
                        if (!printer.print(e)) {
                            stopped = true;
                            break;
                        }
                    }
                }
                if (batch.length == BATCH) {
                    empty.offer(batch);
                }
            }
        } catch (Throwable t) {
            failure = t;
            stopped = true;
            // keep taking batches so the replay never blocks on a full queue
            drain();
        }
    }

    private void drain() {
        try {
            for (ReplayCursor[] batch = full.take(); batch != END; batch = full.take()) {
                if (batch.length == BATCH) {
                    empty.offer(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IOException(t);
    }
}

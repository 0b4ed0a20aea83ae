package dev.scapula.replayer.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Checks the captures of a corpus on a pool of threads. Each task loads its own plugin instances,
 * so captures share nothing but the loaded libraries; a failure is that capture's result only.
 */
public final class CorpusRunner {
    /** Checks one capture; it returns a result rather than throwing for a capture it cannot read. */
    @FunctionalInterface
    public interface Check {
        /** The result for this capture. */
        CaptureResult check(CaptureUnit unit) throws Exception;
    }

    private final int jobs;

    /** A runner with this many captures in flight at once. */
    public CorpusRunner(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs " + jobs + ": want 1 or more");
        }
        this.jobs = jobs;
    }

    /** Runs every unit, telling {@code done} about each result as it finishes; results in unit order. */
    public List<CaptureResult> run(List<CaptureUnit> units, Check check, Consumer<CaptureResult> done)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, units.size())), r -> {
            Thread t = new Thread(r, "scapula-corpus");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CaptureResult>> futures = new ArrayList<>();
            for (CaptureUnit u : units) {
                futures.add(pool.submit(() -> {
                    CaptureResult r = safely(check, u);
                    done.accept(r);
                    return r;
                }));
            }
            List<CaptureResult> results = new ArrayList<>();
            for (Future<CaptureResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a corpus task failed outside its capture", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static CaptureResult safely(Check check, CaptureUnit u) {
        try {
            return check.check(u);
        } catch (Exception | LinkageError e) {
            // one capture's failure stays that capture's: the others still run
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return CaptureResult.failed(u.name(), message);
        }
    }
}

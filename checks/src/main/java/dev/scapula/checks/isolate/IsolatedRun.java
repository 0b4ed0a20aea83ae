package dev.scapula.checks.isolate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a command's plugin work in {@link Worker}s: a failure is reported (with a reproducer) and,
 * when the command reads several captures, a fresh worker goes on with the capture after it.
 */
public final class IsolatedRun {
    private final Worker worker;
    private final List<String> args;
    private final Path crashDir;
    private final Listener listener;

    /** What the user is told as the run goes; the caller renders it. */
    public interface Listener {
        /**
         * A plugin failed in a worker.
         *
         * @param failure    the failure, with the event's payload when a reproducer was written
         * @param reproducer the one-event reproducer capture, or null when none could be written
         */
        void failed(PluginFailure failure, Path reproducer);

        /** A fresh worker goes on with this capture. */
        void goingOn(Path capture);
    }

    /**
     * @param launch     the main class each worker runs with {@code args} (the command's own, so the
     *                   worker renders its output as the command does) and where that output goes
     * @param args       the whole command line as given, for the worker to run the same command
     * @param crashDir   where reproducer captures go
     */
    public IsolatedRun(WorkerLaunch launch, List<String> args, IsolationLimits limits, Path crashDir,
            Listener listener) {
        this.worker = new Worker(launch, limits);
        this.args = List.copyOf(args);
        this.crashDir = crashDir;
        this.listener = listener;
    }

    /**
     * Runs to the end and returns the exit code: the last worker's own, or {@code failedExit}
     * when any plugin failed.
     *
     * @param captures the captures the command reads in order; after a failure in one of them the
     *                 next worker starts at the following one (empty: no going on)
     */
    public int run(List<Path> captures, int failedExit) throws IOException {
        Reproducer reproducer = new Reproducer(crashDir);
        boolean failed = false;
        int first = 0;
        while (true) {
            WorkerOutcome o = worker.run(args, Map.of(Worker.FIRST, Integer.toString(first)));
            if (o.failure() == null) {
                return failed ? Math.max(failedExit, o.exitCode()) : o.exitCode();
            }
            failed = true;
            report(o.failure(), reproducer);
            int at = o.failure().capture() == null ? -1 : indexOf(captures, o.failure().capture());
            if (at < 0 || at + 1 >= captures.size()) {
                return failedExit;
            }
            first = at + 1;
            listener.goingOn(captures.get(first));
        }
    }

    private void report(PluginFailure f, Reproducer reproducer) throws IOException {
        Reproducer.Written w = reproducer.fromCapture(f);
        listener.failed(w == null ? f : w.failure(), w == null ? null : w.capture());
    }

    private static int indexOf(List<Path> captures, Path failed) {
        for (int i = 0; i < captures.size(); i++) {
            if (captures.get(i).toString().equals(failed.toString())
                    || captures.get(i).toAbsolutePath().normalize().equals(failed.toAbsolutePath().normalize())) {
                return i;
            }
        }
        return -1;
    }
}

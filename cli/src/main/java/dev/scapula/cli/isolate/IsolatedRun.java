package dev.scapula.cli.isolate;

import dev.scapula.cli.output.Terminal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a command's plugin work in {@link Worker}s: a failure is reported (with a reproducer) and,
 * when the command reads several captures, a fresh worker goes on with the capture after it.
 */
public final class IsolatedRun {
    private final String command;
    private final IsolateOptions options;

    public IsolatedRun(String command, IsolateOptions options) {
        this.command = command;
        this.options = options;
    }

    /**
     * Runs to the end and returns the exit code: the last worker's own, or {@code failedExit}
     * when any plugin failed.
     *
     * @param captures the captures the command reads in order; after a failure in one of them the
     *                 next worker starts at the following one (empty: no going on)
     */
    public int run(List<Path> captures, int failedExit) throws IOException {
        Worker worker = new Worker(options.limits());
        Reproducer reproducer = new Reproducer(options.crashDir());
        boolean failed = false;
        int first = 0;
        while (true) {
            WorkerOutcome o = worker.run(options.originalArgs(), Map.of(Worker.FIRST, Integer.toString(first)));
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
            System.err.println("scapula " + command + ": going on with " + captures.get(first) + " in a fresh worker");
        }
    }

    private void report(PluginFailure f, Reproducer reproducer) throws IOException {
        Reproducer.Written w = f.capture() != null && f.eventNumber() >= 0 ? reproducer.fromCapture(f) : null;
        PluginFailure shown = w == null ? f : w.failure();
        System.err.println("scapula " + command + ": " + Terminal.safe(shown.headline()));
        if (shown.payload() != null) {
            System.err.println("  payload: " + Hex.preview(shown.payload()));
        }
        if (w != null) {
            System.err.println("  reproducer: " + w.capture() + " (one event; replay it with --isolate and the same "
                    + "plugins to see the failure again)");
        }
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

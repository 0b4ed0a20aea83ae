package dev.scapula.cli.isolate;

import dev.scapula.checks.isolate.Hex;
import dev.scapula.checks.isolate.IsolatedRun;
import dev.scapula.checks.isolate.IsolationLimits;
import dev.scapula.checks.isolate.PluginFailure;
import dev.scapula.checks.isolate.Worker;
import dev.scapula.checks.isolate.WorkerLaunch;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.output.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --isolate} options that replay, verify and diff share (fuzz always isolates). */
public final class IsolateOptions {
    @Option(names = "--isolate", description = "Run the plugins in a child JVM. A crash, a hang (--timeout-ms) or "
            + "runaway memory (--memory-mb) in a plugin becomes a report naming the plugin, the call, the event and "
            + "its payload, with a one-event reproducer capture in --crash-dir; replay then goes on with the next "
            + "capture.")
    boolean isolate;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "With --isolate: the longest one plugin call may take (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--memory-mb", paramLabel = "MB", defaultValue = "4096",
            description = "With --isolate: the most resident memory the worker may hold (default: ${DEFAULT-VALUE}).")
    long memoryMb;

    @Option(names = "--crash-dir", paramLabel = "DIR", defaultValue = ".",
            description = "With --isolate: where reproducer captures go (default: the current directory); a name "
                    + "taken, even by a link, gets the next number (NAME-2.scap, ...).")
    Path crashDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** True when this process should hand the work to workers (isolation asked, and not a worker itself). */
    public boolean delegate() {
        return isolate && !Worker.inWorker();
    }

    /** True in a worker: print each line at once, since a crash loses what is buffered. */
    public boolean inWorker() {
        return Worker.inWorker();
    }

    /** How workers are started for this command: the CLI's main, copying into the command's streams. */
    public WorkerLaunch workers() {
        return Scapula.workers(spec);
    }

    /** The limits for each worker. */
    public IsolationLimits limits() {
        return new IsolationLimits(timeoutMillis, memoryMb * 1024 * 1024);
    }

    public Path crashDir() {
        return crashDir;
    }

    /** The whole command line as given, for the worker to run the same command. */
    public List<String> originalArgs() {
        return spec.root().commandLine().getParseResult().originalArgs();
    }

    /**
     * Runs {@code command} in workers that re-run this command line through the CLI (so they render
     * as the command does) and reports each failure on stderr; see {@link IsolatedRun#run}.
     */
    public int run(String command, List<Path> captures, int failedExit) throws IOException {
        return new IsolatedRun(Scapula.workers(spec), originalArgs(), limits(), crashDir, new Report(command, Scapula.err(spec)))
                .run(captures, failedExit);
    }

    /** A worker's failure and the going on after it, as stderr lines. */
    private record Report(String command, PrintWriter err) implements IsolatedRun.Listener {
        @Override
        public void failed(PluginFailure f, Path reproducer) {
            err.println("scapula " + command + ": " + Terminal.safe(f.headline()));
            if (f.payload() != null) {
                err.println("  payload: " + Hex.preview(f.payload()));
            }
            if (reproducer != null) {
                err.println("  reproducer: " + reproducer + " (one event; replay it with --isolate and the "
                        + "same plugins to see the failure again)");
            }
        }

        @Override
        public void goingOn(Path capture) {
            err.println("scapula " + command + ": going on with " + capture + " in a fresh worker");
        }
    }
}

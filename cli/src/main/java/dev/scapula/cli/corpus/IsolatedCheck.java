package dev.scapula.cli.corpus;

import dev.scapula.capture.io.RunTemp;
import dev.scapula.checks.isolate.Hex;
import dev.scapula.cli.isolate.IsolateOptions;
import dev.scapula.checks.isolate.PluginFailure;
import dev.scapula.checks.isolate.Reproducer;
import dev.scapula.checks.isolate.Worker;
import dev.scapula.checks.isolate.WorkerOutcome;
import dev.scapula.cli.output.Json;
import dev.scapula.replayer.corpus.CaptureResult;
import dev.scapula.replayer.corpus.CaptureUnit;
import dev.scapula.replayer.corpus.CorpusRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A corpus check with {@code --isolate}: each capture is checked by a worker process that runs the
 * same command on that capture alone, so a plugin that crashes, hangs or runs away with memory on
 * one capture makes that capture's ERROR result, and the other captures still run.
 */
final class IsolatedCheck implements CorpusRunner.Check {
    /** The system property naming the file that holds the worker's capture (its name and files). */
    static final String TASK = "scapula.corpus.task";
    /** The system property naming the file the worker writes its capture's result to. */
    static final String RESULT = "scapula.corpus.result";

    private final IsolateOptions options;

    /** Checks each capture in a worker with these limits, the command line given and its crash folder. */
    IsolatedCheck(IsolateOptions options) {
        this.options = options;
    }

    /** The capture a worker checks and where its files are; sent as JSON so any path survives. */
    record Task(String name, List<String> files, long bytes) {
        static Task of(CaptureUnit u) {
            return new Task(u.name(), u.files().stream().map(Path::toString).toList(), u.bytes());
        }

        CaptureUnit unit() {
            return new CaptureUnit(name, files.stream().map(Path::of).toList(), bytes);
        }
    }

    @Override
    public CaptureResult check(CaptureUnit unit) throws IOException {
        Path scratch = RunTemp.current().folder("corpus-");
        try {
            Json json = new Json();
            Path task = scratch.resolve("task.json");
            Path result = scratch.resolve("result.json");
            Files.writeString(task, json.line(Task.of(unit)));
            WorkerOutcome o = new Worker(options.workers(), options.limits()).run(options.originalArgs(),
                    Map.of(TASK, task.toString(), RESULT, result.toString()));
            if (o.failure() != null) {
                return CaptureResult.failed(unit.name(), describe(o.failure()));
            }
            if (!Files.exists(result)) {
                // a worker that exits with no result died outside a plugin call (Worker has said so)
                return CaptureResult.failed(unit.name(), "the worker ended without a result (exit code "
                        + o.exitCode() + ")");
            }
            return json.mapper().readValue(result.toFile(), CaptureResult.class);
        } finally {
            RunTemp.delete(scratch);
        }
    }

    /** The failure as one line: who failed how on which event, the payload, and the reproducer written. */
    private String describe(PluginFailure f) throws IOException {
        Reproducer.Written w = new Reproducer(options.crashDir()).fromCapture(f);
        PluginFailure shown = w == null ? f : w.failure();
        StringBuilder b = new StringBuilder(shown.headline());
        if (shown.payload() != null) {
            b.append("; payload: ").append(Hex.preview(shown.payload()));
        }
        if (w != null) {
            b.append("; reproducer: ").append(w.capture());
        }
        return b.toString();
    }

    /** True in a worker started by {@link #check}: it checks the one capture its task names. */
    static boolean inWorker() {
        return Worker.inWorker() && System.getProperty(TASK) != null && System.getProperty(RESULT) != null;
    }

    /**
     * The worker's side: checks the task's capture in this process and writes its result for the
     * parent; the exit code says only whether that result was written.
     */
    static void runTask(CorpusRunner.Check check) throws Exception {
        Json json = new Json();
        CaptureUnit unit = json.mapper().readValue(Path.of(System.getProperty(TASK)).toFile(), Task.class).unit();
        CaptureResult r;
        try {
            r = check.check(unit);
        } catch (Exception | LinkageError e) {
            r = CaptureResult.failed(unit.name(), e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
        Files.writeString(Path.of(System.getProperty(RESULT)), json.line(r));
    }
}

package dev.scapula.checks.fuzz;

import dev.scapula.capture.io.RunTemp;
import dev.scapula.checks.isolate.IsolationLimits;
import dev.scapula.checks.isolate.PluginFailure;
import dev.scapula.checks.isolate.Reproducer;
import dev.scapula.checks.isolate.Worker;
import dev.scapula.checks.isolate.WorkerLaunch;
import dev.scapula.checks.isolate.WorkerOutcome;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs fuzz workers (child JVMs running {@code scapula fuzz} with the given arguments) until the
 * budget is spent or the first failure, minimises each failure's payload and writes its reproducer:
 * the engine behind {@code scapula fuzz} and lint's bounded fuzz run.
 *
 * <p>A worker learns what to run from system properties: {@link Worker#FIRST} and {@link #LAST} or
 * {@link #DEADLINE} for executions, or {@link #CANDIDATES} and {@link #SOURCE} while minimising.
 */
public final class Fuzzer {
    /** The worker's deadline (epoch milliseconds) for a budget in seconds. */
    static final String DEADLINE = "scapula.fuzz.deadline";
    /** The worker's last execution for a budget in runs. */
    static final String LAST = "scapula.fuzz.last";
    /** A file of candidate payloads ({@link Candidates}) the worker runs instead of made-up ones. */
    static final String CANDIDATES = "scapula.fuzz.candidates";
    /** The index of the source the candidates are handed under. */
    static final String SOURCE = "scapula.fuzz.source";
    private static final int MINIMISE_ROUNDS = 16;
    private static final long MINIMISE_MILLIS = 15_000;

    private final List<String> workerArgs;
    private final FuzzBudget budget;
    private final Worker worker;
    private final Reproducer reproducer;
    private final boolean keepGoing;
    private final Consumer<PluginFailure> minimising;

    /**
     * @param launch     the main class a worker runs (one that takes {@code scapula}'s command line),
     *                   and where its output goes
     * @param workerArgs the {@code scapula} arguments a worker runs: a {@code fuzz} command line
     *                   whose seed is given, so every worker makes the same payloads
     * @param minimising told of each new failure as it is found, before its payload is minimised
     */
    public Fuzzer(WorkerLaunch launch, List<String> workerArgs, FuzzBudget budget, IsolationLimits limits,
            Path crashDir, boolean keepGoing, Consumer<PluginFailure> minimising) {
        this.workerArgs = List.copyOf(workerArgs);
        this.budget = budget;
        this.worker = new Worker(launch, limits);
        this.reproducer = new Reproducer(crashDir);
        this.keepGoing = keepGoing;
        this.minimising = minimising;
    }

    /** What a run did and found. */
    public record Result(String plugin, List<FuzzSource> sources, long executions, long executionsPerSecond,
            int workers, List<Found> found) {
    }

    /** A failure found, with its reproducer, the payload that failed and its minimised form. */
    public record Found(Reproducer.Written written, byte[] original, byte[] minimal, FuzzSource source) {
        public PluginFailure failure() {
            return written.failure();
        }
    }

    /**
     * Fuzzes the target, or returns null when it takes no plugin-event source (nothing to fuzz).
     *
     * @param sourceFile a source plugin whose source and id the events carry, or null
     * @throws IOException when a worker cannot start or stops with an error of its own
     */
    public Result run(Path targetFile, Path sourceFile) throws PluginException, IOException {
        List<FuzzSource> sources;
        String name;
        try (Plugin t = Plugin.load(targetFile); Plugin s = sourceFile == null ? null : Plugin.load(sourceFile)) {
            // descriptions only (no init): the worker alone calls into the plugin's event code
            sources = FuzzSource.of(t.info(), s == null ? null : s.info());
            name = t.name() + " " + t.info().version();
        }
        if (sources.isEmpty()) {
            return null;
        }
        long deadline = System.currentTimeMillis() + (long) (budget.seconds() * 1000);
        long first = 1;
        long executions = 0;
        long fuzzMillis = 0;
        int workers = 0;
        List<Found> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (budget.counted() ? first <= budget.runs() : System.currentTimeMillis() < deadline) {
            long began = System.currentTimeMillis();
            WorkerOutcome o = worker.run(workerArgs, Map.of(Worker.FIRST, Long.toString(first),
                    budget.counted() ? LAST : DEADLINE,
                    Long.toString(budget.counted() ? budget.runs() : deadline)));
            fuzzMillis += System.currentTimeMillis() - began;
            workers++;
            executions += o.progress() + (o.failure() != null ? 1 : 0); // the failing one ran too
            if (o.failure() == null) {
                if (o.exitCode() != 0) {
                    throw new IOException("the fuzz worker stopped with exit code " + o.exitCode());
                }
                break;
            }
            PluginFailure f = o.failure();
            if (seen.add(f.kind() + " " + f.call())) {
                int sourceIndex = (int) Math.floorMod(f.eventNumber(), (long) sources.size());
                FuzzSource s = sources.get(sourceIndex);
                minimising.accept(f);
                long minimising = System.currentTimeMillis();
                byte[] minimal = minimise(f, sourceIndex);
                deadline += System.currentTimeMillis() - minimising; // on top of the fuzzing time
                found.add(new Found(reproducer.fromPayload(f, minimal, s.name(), s.pluginId()), f.payload(), minimal,
                        s));
            }
            // a failure outside any execution (plugin_init, open) would recur in every new worker: stop
            if (!keepGoing || f.eventNumber() < first) {
                break;
            }
            first = f.eventNumber() + 1;
        }
        long perSecond = fuzzMillis == 0 ? 0 : Math.round(executions * 1000.0 / fuzzMillis);
        return new Result(name, sources, executions, perSecond, workers, found);
    }

    /**
     * Smaller payloads that fail the same way: each round tries every removal of a chunk, the
     * shortest results first, and keeps the first that fails alike; one that fails otherwise (a
     * crash where garbage was found) is skipped in a fresh worker. Rounds go on until none fails alike.
     * A budget in runs bounds it by rounds alone, so a slow machine gets the same minimal payload.
     */
    private byte[] minimise(PluginFailure f, int sourceIndex) throws IOException {
        byte[] best = f.payload() == null ? new byte[0] : f.payload();
        long until = budget.counted() ? Long.MAX_VALUE : System.currentTimeMillis() + MINIMISE_MILLIS;
        Path file = RunTemp.current().file("fuzz-candidates-", ".bin");
        int failsOtherwiseUpTo = -1; // payloads this short failed another way: not tried again
        try {
            for (int round = 0; round < MINIMISE_ROUNDS && best.length > 0 && System.currentTimeMillis() < until;
                    round++) {
                List<byte[]> candidates = Candidates.removals(best);
                Candidates.write(file, candidates);
                byte[] smaller = null;
                int from = skipShort(candidates, 0, failsOtherwiseUpTo);
                while (from < candidates.size() && System.currentTimeMillis() < until) {
                    PluginFailure again = worker.run(workerArgs, Map.of(CANDIDATES, file.toString(),
                            SOURCE, Integer.toString(sourceIndex), Worker.FIRST,
                            Integer.toString(from))).failure();
                    if (again == null || again.eventNumber() < from || again.eventNumber() >= candidates.size()) {
                        break;
                    }
                    if (again.sameAs(f)) {
                        smaller = candidates.get((int) again.eventNumber());
                        break;
                    }
                    // failed otherwise: skip it and every candidate as short (they tend to fail the same other way)
                    failsOtherwiseUpTo = Math.max(failsOtherwiseUpTo, candidates.get((int) again.eventNumber()).length);
                    from = skipShort(candidates, (int) again.eventNumber() + 1, failsOtherwiseUpTo);
                }
                if (smaller == null) {
                    break;
                }
                best = smaller;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return best;
    }

    private static int skipShort(List<byte[]> candidates, int from, int upTo) {
        while (from < candidates.size() && candidates.get(from).length <= upTo) {
            from++;
        }
        return from;
    }
}

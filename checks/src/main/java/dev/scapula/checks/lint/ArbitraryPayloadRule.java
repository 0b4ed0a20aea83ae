package dev.scapula.checks.lint;

import dev.scapula.capture.io.RunTemp;
import dev.scapula.checks.fuzz.FuzzBudget;
import dev.scapula.checks.fuzz.Fuzzer;
import dev.scapula.checks.isolate.Hex;
import dev.scapula.checks.isolate.IsolationLimits;
import dev.scapula.checks.isolate.PluginFailure;
import dev.scapula.checks.isolate.WorkerLaunch;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code behaviour/arbitrary-payloads}: an extractor that declares no sources is handed every
 * source's events, so the plugin guide asks it to survive any payload; a short isolated fuzz run
 * with a fixed seed checks that, and each failure comes with the fuzz command that finds it again.
 */
final class ArbitraryPayloadRule {
    private static final long TIMEOUT_MILLIS = 1_000;
    private static final long MEMORY_BYTES = 2048L * 1024 * 1024;

    private final WorkerLaunch fuzzWorker;
    private final FuzzBudget budget;
    private final long seed;

    /** @param fuzzWorker the main class a fuzz worker runs, given {@code scapula fuzz}'s command line, and where its output goes */
    ArbitraryPayloadRule(WorkerLaunch fuzzWorker, FuzzBudget budget, long seed) {
        this.fuzzWorker = fuzzWorker;
        this.budget = budget;
        this.seed = seed;
    }

    /** @param named the plugin as the reproduce command names it; the worker is given the file itself */
    void check(Path plugin, String named, List<Finding> out, List<String> skipped) throws IOException {
        Path crashDir = RunTemp.current().folder("lint-fuzz-");
        List<String> options = new ArrayList<>(budget.options());
        options.addAll(List.of("--seed", Long.toString(seed), "--keep-going"));
        List<String> fuzzArgs = new ArrayList<>(List.of("fuzz", "-H", plugin.toString()));
        fuzzArgs.addAll(options);
        String reproduce = "scapula fuzz -H " + named + " " + String.join(" ", options);
        try {
            Fuzzer.Result r = new Fuzzer(fuzzWorker, fuzzArgs, budget,
                    new IsolationLimits(TIMEOUT_MILLIS, MEMORY_BYTES), crashDir, true, found -> { }).run(plugin, null);
            if (r == null) {
                return;
            }
            for (Fuzzer.Found f : r.found()) {
                PluginFailure failure = f.failure();
                out.add(new Finding("behaviour/arbitrary-payloads", Severity.ERROR, "the extractor declares no "
                        + "sources, so it gets every source's events, and " + failure.headline() + " (payload "
                        + Hex.preview(f.original()) + ", minimised to " + Hex.preview(f.minimal()) + ")",
                        "check lengths and formats before reading a payload, and return an error (or no value) "
                                + "for one that is not yours; or declare the sources the extractor understands",
                        reproduce));
            }
        } catch (PluginException | IOException e) {
            skipped.add("fuzzing an extractor that declares no sources: " + e.getMessage());
        } finally {
            RunTemp.delete(crashDir);
        }
    }
}

package dev.scapula.cli.fuzz;

import dev.scapula.checks.fuzz.FuzzBudget;
import dev.scapula.checks.fuzz.FuzzTarget;
import dev.scapula.checks.fuzz.Fuzzer;
import dev.scapula.checks.isolate.Hex;
import dev.scapula.checks.isolate.IsolationLimits;
import dev.scapula.checks.isolate.PluginFailure;
import dev.scapula.checks.isolate.Worker;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.config.PluginChooser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scapula fuzz}: made-up payloads through a plugin's parser and extractor, in isolated workers. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Feed a plugin's parser and extractor payloads that are random, short, edge-valued, or "
                + "truncated, bit-flipped, overwritten or spliced from real events, as the plugin guide asks of "
                + "extractors that may see arbitrary data.",
            "",
            "Every compatible plugin-event source takes its turn. The plugin always runs in a child JVM: a crash, "
                + "a call past --timeout-ms, memory past --memory-mb, or garbage results (a value count or type "
                + "the host refuses) are reported with the payload, minimised, and saved in --crash-dir as a "
                + "one-event reproducer capture and a raw payload file. An error return is not a failure: "
                + "refusing bad input is what the plugin should do. The payload of each execution depends only on "
                + "--seed and its number, so a run with the same seed finds the same failure at the same "
                + "execution; with --runs instead of -t, the whole result depends on the seed alone.",
            "",
            "Examples:",
            "  scapula fuzz -H fragile -t 30",
            "  scapula fuzz -H fragile --runs 10000 --seed 7 --keep-going",
            "  scapula fuzz -H myplugin.so --source-of mysource.so --open-params 'file=x' --seed 42"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no failure found in the time or runs given", "1:a failure was found",
            "2:usage or input error, or the plugin could not be loaded and initialised"})
public final class FuzzCommand implements Callable<Integer> {
    private static final double DEFAULT_SECONDS = 60;

    @Option(names = {"-H", "--plugin"}, required = true, paramLabel = "PLUGIN[:INITCONFIG]",
            description = "The plugin to fuzz, by path or name, with its init config.")
    String plugin;

    @Option(names = "--source-of", paramLabel = "PLUGIN[:INITCONFIG]", description = "A source plugin: its source "
            + "and id are used for the events, and its first events (opened with --open-params) are seeds.")
    String sourcePlugin;

    @Option(names = "--open-params", paramLabel = "PARAMS", defaultValue = "",
            description = "Open params for --source-of.")
    String openParams;

    @Option(names = "--seed-capture", paramLabel = "FILE", description = "A capture whose plugin-event payloads "
            + "are seeds to mutate (repeatable).")
    List<Path> seedCaptures = new ArrayList<>();

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS",
            description = "How long to fuzz (default: 60, unless --runs is given); minimising comes on top "
                    + "(at most 15 s per failure).")
    Double seconds;

    @Option(names = "--runs", paramLabel = "N", description = "Make executions 1 to N instead of fuzzing for a "
            + "time: the result then depends on the seed alone, not on the machine's speed (minimising is bounded "
            + "by rounds, not by time).")
    Long runs;

    @Option(names = "--seed", paramLabel = "N", description = "The run's seed (default: random, printed).")
    Long seed;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "1000",
            description = "The longest one plugin call may take (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--memory-mb", paramLabel = "MB", defaultValue = "2048",
            description = "The most resident memory the worker may hold (default: ${DEFAULT-VALUE}).")
    long memoryMb;

    @Option(names = "--crash-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where reproducers and payload files go (default: the current directory); a name "
                    + "taken, even by a link, gets the next number (NAME-2.scap, ...).")
    Path crashDir;

    @Option(names = "--keep-going", description = "Go on after a failure (in a fresh worker) until the time or runs are spent; "
            + "each kind of failure in each call is reported once.")
    boolean keepGoing;

    @Option(names = {"-j", "--json"}, description = "The result as one JSON object.")
    boolean json;

    @Mixin
    PluginOptions pluginOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            PluginChooser.Spec target = PluginChooser.Spec.parse(plugin);
            PluginChooser.Spec source = sourcePlugin == null ? null : PluginChooser.Spec.parse(sourcePlugin);
            Path targetFile = pluginOptions.locate(target.plugin());
            Path sourceFile = source == null ? null : pluginOptions.locate(source.plugin());
            if (Worker.inWorker()) {
                return work(targetFile, target.config(), sourceFile, source == null ? null : source.config());
            }
            return fuzz(targetFile, sourceFile, budget());
        } catch (PluginException | IOException e) {
            Scapula.err(spec).println("scapula fuzz: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
    }

    private FuzzBudget budget() {
        if (runs != null && seconds != null) {
            throw new ParameterException(spec.commandLine(), "give one budget: -t SECONDS or --runs N, not both");
        }
        if ((runs != null && runs <= 0) || (seconds != null && seconds <= 0)) {
            throw new ParameterException(spec.commandLine(), "-t and --runs must be positive");
        }
        return runs != null ? FuzzBudget.runs(runs) : FuzzBudget.seconds(seconds != null ? seconds : DEFAULT_SECONDS);
    }

    /** In the worker: executions from the first given until the deadline or the last, or the candidates given. */
    private int work(Path targetFile, String targetConfig, Path sourceFile, String sourceConfig)
            throws PluginException, IOException {
        try (FuzzTarget t = new FuzzTarget(targetFile, targetConfig, sourceFile, sourceConfig)) {
            if (t.sources().isEmpty()) {
                throw new PluginException(targetFile + ": no plugin-event source to fuzz (it declares only syscall)");
            }
            return t.work(seed, seedCaptures, openParams) ? Scapula.OK : Worker.FINDING_EXIT;
        }
    }

    /** In the parent: workers until the budget is spent (or the first failure), then the report. */
    private int fuzz(Path targetFile, Path sourceFile, FuzzBudget budget) throws PluginException, IOException {
        boolean seedGiven = seed != null;
        if (!seedGiven) {
            seed = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        }
        List<String> args = new ArrayList<>(spec.root().commandLine().getParseResult().originalArgs());
        if (!seedGiven) {
            args.add("--seed=" + seed); // every worker makes the same payloads
        }
        Fuzzer.Result r = new Fuzzer(Scapula.workers(spec), args, budget,
                new IsolationLimits(timeoutMillis, memoryMb * 1024 * 1024), crashDir, keepGoing,
                f -> Scapula.err(spec).println("scapula fuzz: " + Terminal.safe(f.headline())
                        + "; minimising the payload..."))
                .run(targetFile, sourceFile);
        if (r == null) {
            Scapula.err(spec).println("scapula fuzz: " + targetFile + " neither extracts from nor parses plugin events "
                    + "(no such capability, or only the syscall source): nothing to fuzz");
            return Scapula.USAGE_OR_INPUT;
        }
        Summary summary = new Summary(r.plugin(), targetFile.toString(), seed,
                budget.counted() ? null : budget.seconds(), budget.counted() ? budget.runs() : null, r.sources().stream()
                .map(s -> s.name() + " (id " + s.pluginId() + ")").toList(), r.executions(), r.executionsPerSecond(),
                r.workers(), r.found().stream().map(FuzzCommand::json).toList());
        Scapula.out(spec).print(json ? new Json().line(summary) + "\n" : text(summary, r.found()));
        return r.found().isEmpty() ? Scapula.OK : Scapula.DIFFERENCES;
    }

    private String text(Summary s, List<Fuzzer.Found> found) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("fuzz %s: %s, seed %d, sources %s%n", Terminal.safe(s.plugin()), budgetText(s), s.seed(),
                Terminal.safe(String.join(", ", s.sources()))));
        b.append(String.format("executions: %,d (%,d/s) in %d worker%s%n", s.executions(), s.executionsPerSecond(),
                s.workers(), s.workers() == 1 ? "" : "s"));
        for (Fuzzer.Found x : found) {
            PluginFailure f = x.written().failure();
            b.append(f.kind().name()).append(' ').append(Terminal.safe(f.headline())).append('\n');
            b.append("  payload: ").append(Hex.preview(x.original())).append('\n');
            b.append("  minimised: ").append(Hex.preview(x.minimal())).append('\n');
            b.append("  reproducer: ").append(x.written().capture()).append(" (payload alone: ")
                    .append(payloadFile(x.written().capture())).append(")\n");
            b.append("  replay it: ").append(replayCommand(x.written().capture())).append('\n');
        }
        b.append(found.isEmpty() ? "no failure found\n" : found.size() + " failure" + (found.size() == 1 ? "" : "s")
                + " found\n");
        return b.toString();
    }

    private static String budgetText(Summary s) {
        return (s.runs() != null ? FuzzBudget.runs(s.runs()) : FuzzBudget.seconds(s.seconds())).describe();
    }

    private static Path payloadFile(Path capture) {
        return Path.of(capture.toString().replaceFirst("\\.scap$", ".bin"));
    }

    private String replayCommand(Path capture) {
        // the plugin as the user named it: a bundled sample's file is a temporary copy
        return "scapula replay --isolate -r " + capture + " -H " + plugin;
    }

    private static FailureJson json(Fuzzer.Found x) {
        PluginFailure f = x.failure();
        return new FailureJson(f.kind().name(), f.plugin(), f.call() == null ? null : f.call().function(),
                f.eventNumber(), f.detail(), x.source().name(), Hex.of(x.original()), Hex.of(x.minimal()),
                x.written().capture().toString(), payloadFile(x.written().capture()).toString());
    }

    /** One failure in the JSON result. */
    record FailureJson(String kind, String plugin, String call, long execution, String detail, String source,
            String payloadHex, String minimisedHex, String reproducer, String payloadFile) {
    }

    /** The JSON result. */
    record Summary(String plugin, String file, long seed, Double seconds, Long runs, List<String> sources, long executions,
            long executionsPerSecond, int workers, List<FailureJson> failures) {
    }
}

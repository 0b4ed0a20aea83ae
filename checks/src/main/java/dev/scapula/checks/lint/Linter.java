package dev.scapula.checks.lint;

import dev.scapula.capture.io.Compression;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.checks.fuzz.FuzzBudget;
import dev.scapula.checks.isolate.WorkerLaunch;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.PluginInfo;
import dev.scapula.plugin.PluginInfoReader;
import dev.scapula.plugin.load.ApiVersion;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.load.PluginLibrary;
import dev.scapula.recorder.Recorder;
import dev.scapula.recorder.RecordingFailedException;
import dev.scapula.recorder.RecordingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs the plugin release checklist against a built plugin file: what the plugin declares (API,
 * identity, metadata, fields) and, on captures or on events it sources itself, how it behaves.
 */
public final class Linter {
    /** Events recorded from a source plugin when no capture is given. */
    static final long SELF_EVENTS = 2_000;
    private static final long SELF_SECONDS = 10;

    /** How long an extractor that declares no sources is fuzzed by default. */
    public static final FuzzBudget FUZZ_BUDGET = FuzzBudget.seconds(5);
    /** A fixed seed: the same plugin file always gets the same lint result, and the finding its reproducer. */
    static final long FUZZ_SEED = 1;

    private final PluginRegistry registry;
    private final ApiHistory history = new ApiHistory();
    private final String version;
    private final FuzzBudget fuzz;
    private final WorkerLaunch fuzzWorker;
    private final Function<Path, String> names;

    /**
     * @param fuzz       how long (or how many executions) to fuzz an extractor that declares no sources; null:
     *                   not at all
     * @param fuzzWorker the main class a fuzz worker runs (one that takes {@code scapula fuzz}'s command
     *                   line, as the reproduce command does), and where its output goes
     * @param names      how the reproduce commands name a plugin file (the report names the file itself)
     */
    public Linter(PluginRegistry registry, String version, FuzzBudget fuzz, WorkerLaunch fuzzWorker,
            Function<Path, String> names) {
        this.registry = registry;
        this.version = version;
        this.fuzz = fuzz;
        this.fuzzWorker = fuzzWorker;
        this.names = names;
    }

    /**
     * @param previous the previous release's file, or null
     * @param captures captures to check behaviour on; empty means events the plugin sources itself
     * @throws PluginException when the file is not a Falco plugin at all
     */
    public LintReport lint(Path plugin, Path previous, List<Path> captures) throws IOException, PluginException {
        String named = names.apply(plugin);
        List<Finding> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        PluginInfo info;
        ApiVersion api;
        boolean dumpsState;
        try (PluginLibrary lib = PluginLibrary.open(plugin)) {
            Set<String> exports = new LinkedHashSet<>();
            history.symbols().forEach(s -> {
                if (lib.exports(s.name())) {
                    exports.add(s.name());
                }
            });
            dumpsState = lib.exports("plugin_dump_state");
            api = new ApiRules(history).check(lib.string("plugin_get_required_api_version"), exports, out);
            new FieldRules().check(lib.exports("plugin_get_fields") ? lib.string("plugin_get_fields") : null, out);
            Set<Capability> caps;
            try {
                caps = lib.capabilities();
            } catch (PluginException e) {
                out.add(new Finding("meta/capabilities", Severity.ERROR, e.getMessage(),
                        "export every function of a capability, or none of them"));
                return new LintReport(plugin.toString(), lib.string("plugin_get_name"),
                        lib.string("plugin_get_version"), out, List.of("everything else: no host loads the plugin"));
            }
            try {
                info = new PluginInfoReader().read(lib, caps);
            } catch (PluginException e) {
                out.add(new Finding("meta/capabilities", Severity.ERROR, e.getMessage(),
                        "return valid JSON from every plugin_get_* function"));
                return new LintReport(plugin.toString(), lib.string("plugin_get_name"),
                        lib.string("plugin_get_version"), out, List.of("everything else: no host loads the plugin"));
            }
        }
        new IdentityRules(registry).check(info, out);
        if (info.capabilities().contains(Capability.ASYNC) && info.capabilities().contains(Capability.PARSING)
                && !dumpsState) {
            out.add(new Finding("behaviour/no-dump-state", Severity.WARNING, "the plugin parses events into state and "
                    + "sends async events, but has no plugin_dump_state: a capture that starts later, or a rotated "
                    + "file, replays without the state it had", "export plugin_dump_state (API 3.10) emitting async "
                    + "events that rebuild the state when parsed"));
        }
        MetadataRules meta = new MetadataRules();
        meta.check(info, out);
        String name = info.name();
        String pluginVersion = info.version();
        if (api == null || ApiVersion.HOST.refusal(api) != null) {
            skipped.add("init and behaviour: this host cannot load the plugin");
            return new LintReport(plugin.toString(), name, pluginVersion, out, skipped);
        }
        boolean initialised = false;
        FieldRules fieldRules = new FieldRules();
        try (Plugin p = Plugin.loadCopy(plugin)) {
            try {
                p.init("");
                initialised = true;
            } catch (PluginException e) {
                meta.initOutcome(e, out);
            }
            if (initialised) {
                if (info.capabilities().contains(Capability.EXTRACTION)) {
                    fieldRules.checkEventTypes("extraction", p.eventTypes(false), info.extractEventSources(), out);
                }
                if (info.capabilities().contains(Capability.PARSING)) {
                    fieldRules.checkEventTypes("parsing", p.eventTypes(true), info.parseEventSources(), out);
                }
            }
        } catch (PluginException refused) {
            skipped.add("init and behaviour: the host refuses the plugin: " + refused.getMessage());
            return new LintReport(plugin.toString(), name, pluginVersion, out, skipped);
        }
        if (!initialised) {
            skipped.add("behaviour and release: init with an empty config failed");
            return new LintReport(plugin.toString(), name, pluginVersion, out, skipped);
        }
        boolean source = info.capabilities().contains(Capability.SOURCING);
        List<Path> events = new ArrayList<>(captures);
        List<Path> temporary = new ArrayList<>();
        try {
            if (events.isEmpty() && source) {
                Path own = selfRecorded(plugin, named, out);
                if (own != null) {
                    events.add(own);
                    temporary.add(own);
                }
            }
            boolean checksEvents = info.capabilities().contains(Capability.EXTRACTION)
                    || info.capabilities().contains(Capability.PARSING);
            // Without sourcing and declared sources, an extractor gets every source's events (as libsinsp decides).
            if (info.capabilities().contains(Capability.EXTRACTION) && !source && info.extractEventSources().isEmpty()) {
                if (fuzz != null) {
                    new ArbitraryPayloadRule(fuzzWorker, fuzz, FUZZ_SEED).check(plugin, named, out, skipped);
                } else {
                    skipped.add("fuzzing an extractor that declares no sources: turned off (--fuzz-time 0 or --fuzz-runs 0)");
                }
            }
            if (events.isEmpty()) {
                skipped.add("behaviour: no events to replay (give --capture FILE)");
            } else if (checksEvents) {
                new BehaviourRules().verify(plugin, named, events, Set.copyOf(temporary), out);
            }
            if (previous != null) {
                List<Path> old = new ArrayList<>(captures);
                if (old.isEmpty() && source) {
                    Path own = selfRecorded(previous, names.apply(previous), out);
                    if (own != null) {
                        old.add(own);
                        temporary.add(own);
                    }
                }
                if (old.isEmpty()) {
                    skipped.add("release: no events to compare the two versions on (give --capture FILE)");
                } else {
                    new BehaviourRules().release(previous, names.apply(previous), plugin, named, old, out);
                }
            }
        } finally {
            for (Path t : temporary) {
                Files.deleteIfExists(t);
            }
        }
        return new LintReport(plugin.toString(), name, pluginVersion, out, skipped);
    }

    /** A short recording of the plugin's own events with default open params, or null with a finding. */
    private Path selfRecorded(Path plugin, String named, List<Finding> out) throws IOException {
        Path file = RunTemp.current().file("lint-", ".scap");
        try {
            new Recorder(Clock.systemUTC(), version).record(new RecordingPlan(plugin, "", "", file, Compression.NONE,
                    SELF_EVENTS, TimeUnit.SECONDS.toNanos(SELF_SECONDS)), new AtomicBoolean(), n -> { });
            return file;
        } catch (PluginException e) {
            return failedRecording(named, file, e, out);
        } catch (RecordingFailedException e) {
            // next_batch failing part-way is the plugin's fault too; a write failure is ours to report
            if (e.getCause() instanceof PluginException pluginFault) {
                return failedRecording(named, file, pluginFault, out);
            }
            throw e;
        }
    }

    private static Path failedRecording(String plugin, Path file, PluginException e, List<Finding> out)
            throws IOException {
        Files.deleteIfExists(file);
        out.add(new Finding("behaviour/errors", Severity.ERROR, "recording its own events with default open "
                + "params failed: " + e.getMessage(), "next_batch must produce valid events",
                "scapula record -I " + plugin + " -n " + SELF_EVENTS + " -w lint.scap"));
        return null;
    }
}

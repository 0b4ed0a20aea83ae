package dev.scapula.cli.record;

import dev.scapula.capture.io.Compression;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.Version;
import dev.scapula.cli.output.Progress;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.config.PluginChooser;
import dev.scapula.recorder.RecordStatus;
import dev.scapula.recorder.RecordSummary;
import dev.scapula.recorder.Recorder;
import dev.scapula.recorder.RecordingPlan;
import dev.scapula.recorder.Rotation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scapula record}: a source plugin's live events into a capture, with sysdig's flags. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record the live event stream of a source plugin into a .scap capture that libscap reads.",
            "",
            "The file starts with a manifest (plugin name, version, id, source, API version, init config, "
                + "open params, sha256 of the .so). Events keep the plugin's timestamps (unset ones get the "
                + "wall clock) and get tid -1 and the plugin's id, as libscap's source engine does. Ctrl-C "
                + "stops cleanly and leaves a complete file.",
            "",
            "With -C, -G or -e the recording is split into files named as sysdig names them, each starting "
                + "with the manifest and the async plugins' dumped state, so each replays alone; -W keeps a ring.",
            "",
            "Example: scapula record -I 'counter:count=100000;size=64' -w counter.scap",
            "         scapula record -I counter:count=10000000 -C 100 -W 5 -w ring.scap"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded",
            "2:usage error, or a fault part-way (disk full, file size limit, output directory gone, permission "
                + "denied, plugin error): the message names it and the events safe on disk, file by file",
            "130/143:stopped by Ctrl-C / SIGTERM after closing every file (the JVM's codes for the signals)"})
public final class RecordCommand implements Callable<Integer> {
    @Option(names = {"-I", "--input"}, paramLabel = "PLUGIN[:OPENPARAMS]",
            description = "The source plugin (name or path) and its open params, as sysdig's -I. With "
                    + "--plugin-config-file it may be left out: the one source plugin the file loads is used, "
                    + "with its open_params.")
    String input;

    @Option(names = {"-H", "--plugin"}, paramLabel = "PLUGIN[:INITCONFIG]",
            description = "A plugin with its init config, as sysdig's -H (repeatable). The -I plugin takes its init "
                    + "config from here; the others run beside it: parsers see every event, async plugins dump "
                    + "their state first and send events from their threads.")
    List<String> plugins = new ArrayList<>();

    @Option(names = {"-w", "--writefile"}, required = true, paramLabel = "FILE", description = "The capture to write.")
    Path output;

    @Option(names = {"-n", "--numevents"}, paramLabel = "N", description = "Stop after N events.")
    long maxEvents;

    @Option(names = {"-M"}, paramLabel = "SECONDS", description = "Stop after this many seconds.")
    long maxSeconds;

    @Option(names = {"-z", "--compress"}, description = "gzip the capture, as libscap does (libscap reads it).")
    boolean gzip;

    @Option(names = "--zstd", description = "zstd the capture: faster and smaller, but only scapula reads it.")
    boolean zstd;

    @Option(names = "--expect", paramLabel = "FIELDS|all", split = ",",
            description = "Extract these fields live from every event (comma-separated, repeatable; \"all\": every "
                    + "field that needs no argument) and store them beside the capture in FILE.expect.jsonl, so "
                    + "verify can compare the replay with the live values.")
    List<String> expect = new ArrayList<>();

    @Option(names = "--drop-async", description = "When the async event queue (4,096 events) is full, drop new async "
            + "events at once and count them, as libsinsp does. Default: the plugin's thread waits for room (up to 1 s "
            + "per event), so nothing is lost.")
    boolean dropAsync;

    @Option(names = {"-C", "--file-size"}, paramLabel = "MB",
            description = "Start a new file when the current one holds this many megabytes (10^6 bytes, "
                    + "uncompressed); files are named FILE0, FILE1, ... (zero-padded to the digits of -W), as sysdig.")
    int megabytes;

    @Option(names = {"-G", "--seconds"}, paramLabel = "SECONDS",
            description = "Start a new file every SECONDS of event time; FILE is an strftime pattern (local time "
                    + "of the file's first event) when it holds a %%, else files are FILE0, FILE1, ..., as sysdig.")
    int seconds;

    @Option(names = {"-e", "--event-limit"}, paramLabel = "N",
            description = "Start a new file every N events; files are FILE0, FILE1, ..., as sysdig.")
    long eventsPerFile;

    @Option(names = {"-W", "--limit"}, paramLabel = "N",
            description = "Keep at most N files (a ring, with -C, -G or -e): after FILE(N-1) the names start again "
                    + "at 0 and the oldest file is replaced.")
    int fileLimit;

    @Option(names = "--flush-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Hand complete blocks to the operating system at least this often (default ${DEFAULT-VALUE}; "
                    + "0: only at rotation and at the end), so a killed recorder leaves a file readable up to the "
                    + "last flush (gzip too: each flush is a zlib sync flush).")
    long flushMillis;

    @Option(names = "--force", description = "Overwrite FILE (and every rotated file name) if it exists, and its "
            + "FILE.expect.jsonl; a symbolic link there is refused even so. Without it, an existing FILE or "
            + "FILE.expect.jsonl, or FILE0, FILE1, ... with -C, -e or -G, is refused before recording, and an "
            + "existing strftime-named file stops the recording when its turn comes, keeping what came before.")
    boolean force;

    @Mixin
    PluginOptions pluginOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static String progressDetail(RecordStatus s) {
        return (s.asyncEvents() == 0 && s.lostAsyncEvents() == 0 ? ""
                : String.format(", %,d async (%,d dropped)", s.asyncEvents(), s.lostAsyncEvents()))
                + (s.currentFile() == null ? "" : ", file " + s.currentFile());
    }

    @Override
    public Integer call() {
        if (gzip && zstd) {
            throw new ParameterException(spec.commandLine(), "choose one of -z and --zstd");
        }
        if (maxEvents < 0 || maxSeconds < 0 || flushMillis < 0) {
            throw new ParameterException(spec.commandLine(), "-n, -M and --flush-ms must not be negative");
        }
        Rotation rotation;
        try {
            rotation = new Rotation(megabytes, seconds, eventsPerFile, fileLimit);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PluginChooser.Spec source = input == null ? null : PluginChooser.Spec.parse(input);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scapula-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Progress progress = new Progress("recording", Scapula.err(spec))) {
            // sysdig's naming: -I NAME is the -H plugin whose get_name is NAME, before any file of that name
            List<PluginChooser.Chosen> chosen = new ArrayList<>(pluginOptions.choose(plugins.stream()
                    .map(PluginChooser.Spec::parse).toList()));
            PluginChooser.Chosen sourcePlugin = null;
            if (source != null) {
                sourcePlugin = pluginOptions.refer(source.plugin(), chosen);
            } else {
                for (PluginChooser.Chosen c : chosen) {
                    if (c.origin().equals(PluginChooser.FALCO_CONFIG) && sources(c.file())) {
                        sourcePlugin = c;
                        break;
                    }
                }
            }
            if (sourcePlugin == null) {
                throw new ParameterException(spec.commandLine(), "give the source plugin with -I, or a "
                        + "--plugin-config-file that loads one");
            }
            chosen.remove(sourcePlugin);
            Path plugin = sourcePlugin.file();
            String initConfig = sourcePlugin.initConfig();
            String openParams = source == null || source.config().isEmpty() ? sourcePlugin.openParams()
                    : source.config();
            List<RecordingPlan.Companion> companions = new ArrayList<>();
            for (PluginChooser.Chosen c : chosen) {
                companions.add(new RecordingPlan.Companion(c.file(), c.initConfig()));
            }
            if (sourcePlugin.bundled() && pluginOptions.hasSearchPath()) {
                Scapula.err(spec).println("scapula record: " + sourcePlugin.describe()
                        + ": not in --plugin-dir or SCAPULA_PLUGIN_DIR");
            }
            RecordingPlan plan;
            try {
                plan = new RecordingPlan(plugin, initConfig, openParams, output,
                    gzip ? Compression.GZIP : zstd ? Compression.ZSTD : Compression.NONE, maxEvents,
                    TimeUnit.SECONDS.toNanos(maxSeconds), companions).withRotation(rotation)
                        .withFlushMillis(flushMillis).withOverwrite(force).withExpect(expect).withDropAsync(dropAsync);
            } catch (IllegalArgumentException badPattern) {
                throw new ParameterException(spec.commandLine(), "-w " + output + ": " + badPattern.getMessage());
            }
            // The zone names -G files in local time, as sysdig's strftime of localtime() does.
            RecordSummary summary = new Recorder(Clock.systemDefaultZone(), Version.current()).record(plan, stop,
                    // The detail only when a line is drawn: with one event per batch this runs per event.
                    s -> progress.report(s.events(), s.bytes(), () -> progressDetail(s)));
            progress.close();
            Scapula.err(spec).println(Terminal.safe(summary.line()));
            if (summary.events() == 0) {
                Scapula.err(spec).println("scapula record: warning: no events recorded; libscap readers refuse a "
                        + "capture without events (\"no events in file\")");
            }
            return Scapula.OK;
        } catch (PluginException | IOException e) {
            Scapula.err(spec).println("scapula record: " + Terminal.safe(e.getMessage()));
            return Scapula.USAGE_OR_INPUT;
        } catch (IllegalArgumentException unstorable) {
            // a manifest readers would refuse (a plugin name that is not a plain name, configs past the bound)
            Scapula.err(spec).println("scapula record: " + Terminal.safe(unstorable.getMessage()));
            return Scapula.USAGE_OR_INPUT;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waits for us
            }
        }
    }

    /** True when the plugin file is an event source (it exports open, next_batch and close). */
    private static boolean sources(Path file) throws PluginException {
        try (dev.scapula.plugin.load.PluginLibrary lib = dev.scapula.plugin.load.PluginLibrary.open(file)) {
            return lib.capabilities().contains(dev.scapula.plugin.load.Capability.SOURCING);
        }
    }
}

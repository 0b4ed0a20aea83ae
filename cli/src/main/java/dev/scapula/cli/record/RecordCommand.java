package dev.scapula.cli.record;

import dev.scapula.capture.io.Compression;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.Version;
import dev.scapula.plugin.PluginException;
import dev.scapula.recorder.RecordSummary;
import dev.scapula.recorder.Recorder;
import dev.scapula.recorder.RecordingPlan;
import java.io.IOException;
import java.nio.file.Files;
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
            "Example: scapula record -I 'counter:count=100000;size=64' -w counter.scap"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded", "2:usage error, plugin error or write error (events so far are kept)"})
public final class RecordCommand implements Callable<Integer> {
    @Option(names = {"-I", "--input"}, required = true, paramLabel = "PLUGIN[:OPENPARAMS]",
            description = "The source plugin (name or path) and its open params, as sysdig's -I.")
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

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Mixin
    PluginOptions pluginOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (gzip && zstd) {
            throw new ParameterException(spec.commandLine(), "choose one of -z and --zstd");
        }
        if (maxEvents < 0 || maxSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "-n and -M must not be negative");
        }
        if (Files.exists(output) && !force) {
            System.err.println("scapula record: " + output + " exists; give --force to overwrite it");
            return Scapula.USAGE_OR_INPUT;
        }
        PluginOptions.Spec source = PluginOptions.Spec.parse(input);
        String initConfig = "";
        List<PluginOptions.Spec> others = new ArrayList<>();
        for (String h : plugins) {
            PluginOptions.Spec p = PluginOptions.Spec.parse(h);
            if (p.plugin().equals(source.plugin())) {
                initConfig = p.config();
            } else {
                others.add(p);
            }
        }
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
        boolean interactive = System.console() != null;
        try {
            Path plugin = pluginOptions.locate(source.plugin());
            List<RecordingPlan.Companion> companions = new ArrayList<>();
            for (PluginOptions.Spec p : others) {
                companions.add(new RecordingPlan.Companion(pluginOptions.locate(p.plugin()), p.config()));
            }
            RecordingPlan plan = new RecordingPlan(plugin, initConfig, source.config(), output,
                    gzip ? Compression.GZIP : zstd ? Compression.ZSTD : Compression.NONE, maxEvents,
                    TimeUnit.SECONDS.toNanos(maxSeconds), companions, expect);
            long[] lastDraw = {0};
            RecordSummary summary = new Recorder(Clock.systemUTC(), Version.current()).record(plan, stop, n -> {
                long now = System.nanoTime();
                if (interactive && now - lastDraw[0] > 250_000_000L) {
                    lastDraw[0] = now;
                    System.err.printf("\rrecording %s: %,d events", output, n);
                }
            });
            if (interactive) {
                System.err.print("\r\033[K");
            }
            System.err.println(summary.line());
            if (summary.events() == 0) {
                System.err.println("scapula record: warning: no events recorded; libscap readers refuse a capture "
                        + "without events (\"no events in file\")");
            }
            return Scapula.OK;
        } catch (PluginException | IOException e) {
            System.err.println("scapula record: " + e.getMessage());
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
}

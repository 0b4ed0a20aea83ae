package dev.scapula.cli.replay;

import dev.scapula.capture.CaptureOrder;
import dev.scapula.checks.isolate.Worker;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.isolate.IsolateOptions;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.config.PluginChooser;
import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.load.Capability;
import dev.scapula.replayer.BuiltinField;
import dev.scapula.replayer.EventTime;
import dev.scapula.replayer.ReplayCursor;
import dev.scapula.replayer.Replayer;
import dev.scapula.replayer.plugins.PluginSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scapula replay}: a capture through plugins as Falco would run them, one line per plugin or async event. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay captures through plugins and print fields, one line per plugin or async event.",
            "",
            "Every event goes in order to every compatible parser first (plugin events, async events and state "
                + "dumps alike, as libsinsp reads a capture), then the fields are extracted straight from the "
                + "reader's buffer. Event sources come from the plugin ids: 0 is syscall, then loaded source "
                + "plugins, then the capture's manifest. JSON lines by default, keyed by field name, with "
                + "evt.num, evt.time, evt.source, evt.type, evt.is_async and evt.plugin_id; a field with no value "
                + "is null. Built-in fields (evt.num, evt.time, evt.datetime, evt.rawtime, evt.type, evt.source, "
                + "evt.pluginname, evt.plugininfo, evt.asynctype, evt.is_async and a few variants) are printed "
                + "as libsinsp prints them.",
            "",
            "Examples:",
            "  scapula replay -r counter.scap -H fields -f fields.seq -f fields.ip",
            "  scapula replay -r counter.scap --plugins-from-manifest -H fields -p '%%evt.num "
                + "%%evt.plugininfo %%fields.seq'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:replayed", "2:usage or input error, a plugin error (with --isolate also a crash, hang "
                + "or runaway memory), or plugin ids no loaded plugin or manifest names (unless --allow-unknown)"})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The fields every JSON line starts with. */
    private static final List<String> JSON_HEADER = List.of("evt.num", "evt.time", "evt.source", "evt.type",
            "evt.is_async");

    @Option(names = {"-r", "--readfile", "--capture"}, required = true, paramLabel = "FILE", arity = "1..*",
            description = "Captures to replay, in order: several after one -r (-r a.scap b.scap, -r rot/r.scap*), "
                    + "or -r repeated.")
    List<Path> captures;

    @Option(names = {"-H", "--plugin"}, paramLabel = "PLUGIN[:INITCONFIG]",
            description = "A plugin to load, by path or name, with its init config (repeatable).")
    List<String> plugins = new ArrayList<>();

    @Option(names = "--plugins-from-manifest", description = "Also load the plugins the first capture's manifest "
            + "names, by name only (libNAME.so or NAME.so in --plugin-dir, SCAPULA_PLUGIN_DIR, then the bundled "
            + "samples; never a path), with the init configs it stored; a plugin given with -H for the same id or "
            + "name wins. A file whose sha256 differs from the recorded one is refused unless "
            + "--allow-plugin-mismatch.")
    boolean pluginsFromManifest;

    @Option(names = "--allow-plugin-mismatch", description = "With --plugins-from-manifest, load a plugin whose "
            + "sha256 differs from the one the manifest recorded (both are printed).")
    boolean allowMismatch;

    @Option(names = {"-f", "--field"}, paramLabel = "FIELD", description = "A field to print, e.g. fields.byte[3] or "
            + "evt.plugininfo (repeatable). Default: every plugin field that needs no argument.")
    List<String> fields = new ArrayList<>();

    @Option(names = {"-p", "--print"}, paramLabel = "FORMAT", description = "Print each event with this format, as "
            + "sysdig -p: %%field or %%field[arg], %%Nfield to pad to N characters; a leading * prints <NA> for "
            + "missing values, otherwise events with a missing value are not printed.")
    String format;

    @Option(names = "--text", description = "num time [source] field=value ... instead of JSON.")
    boolean text;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "Zone for evt.time and evt.datetime, e.g. UTC "
            + "or Europe/Rome. Default: the machine's, as sysdig (whose offset today is used for every event).")
    String timeZone;

    @Option(names = "--allow-unknown", description = "Replay even when some plugin ids have no known source.")
    boolean allowUnknown;

    @Mixin
    PluginOptions pluginOptions;

    @Mixin
    IsolateOptions isolation;

    @Override
    public Integer call() {
        if (isolation.delegate()) {
            try {
                return isolation.run("replay", captures, Scapula.USAGE_OR_INPUT);
            } catch (IOException e) {
                Scapula.err(spec).println("scapula replay: " + ErrorMessages.describe(e));
                return Scapula.USAGE_OR_INPUT;
            }
        }
        List<Plugin> loaded = new ArrayList<>();
        try (LinePrinter out = new LinePrinter(Scapula.stdout(spec), isolation.inWorker())) {
            List<PluginChooser.Configured> configured = pluginOptions.configured();
            if (plugins.isEmpty() && !pluginsFromManifest && configured.isEmpty()) {
                Scapula.err(spec).println("scapula replay: give plugins with -H, --plugin-config-file or "
                        + "--plugins-from-manifest");
                return Scapula.USAGE_OR_INPUT;
            }
            EventTime time = eventTime();
            PluginSetup setup = new PluginSetup(pluginOptions.chooser(), pluginsFromManifest, allowMismatch);
            setup.checkManifest(captures.get(0));
            CaptureOrder.warnIfOutOfOrder(captures,
                    w -> Scapula.err(spec).println("scapula replay: " + Terminal.safe(w)));
            setup.load(plugins.stream().map(PluginChooser.Spec::parse).toList(), captures.get(0), loaded,
                    note -> Scapula.err(spec).println("scapula replay: " + Terminal.safe(note)));
            OutputFormat printFormat = format == null ? null
                    : OutputFormat.parse(format, spec -> fieldExists(loaded, spec));
            List<String> header = text ? TextLine.HEADER : JSON_HEADER;
            LinkedHashSet<String> selected = new LinkedHashSet<>();
            if (printFormat != null) {
                selected.addAll(printFormat.fields());
            } else {
                selected.addAll(header);
                selected.addAll(fields);
            }
            boolean all = printFormat == null && fields.isEmpty();
            Replayer replayer = new Replayer(loaded, new Replayer.Selection(new ArrayList<>(selected), all), time,
                    w -> Scapula.err(spec).println("scapula replay: " + Terminal.safe(w)));
            JsonLine jsonLine = new JsonLine();
            TextLine textLine = new TextLine();
            PrintAhead.Printer printer = e -> {
                if (printFormat != null) {
                    String line = printFormat.render(texts(e));
                    return line == null || out.println(line);
                }
                if (text) {
                    textLine.write(out, e);
                } else {
                    jsonLine.write(out, e);
                }
                return out.endLine();
            };
            // A worker prints each line as it goes, as it may die inside the next plugin call; otherwise
            // the lines are printed on a second thread while the replay reads and extracts the next events.
            PrintAhead ahead = isolation.inWorker() ? null : new PrintAhead(printer);
            boolean replayed = false;
            try {
                for (Path capture : captures.subList((int) Math.min(Worker.first(), captures.size()),
                        captures.size())) {
                    replayer.replayInPlace(capture, ahead != null ? ahead::accept : printer::print);
                    if (ahead != null ? ahead.stopped() : out.broken()) {
                        break;
                    }
                }
                replayed = true;
            } finally {
                if (ahead != null && replayed) {
                    ahead.finish();
                } else if (ahead != null) {
                    ahead.abandon();
                }
            }
            if (out.broken()) {
                return Scapula.OK;
            }
            Map<Long, Long> unknown = replayer.unknownIds();
            if (!unknown.isEmpty()) {
                String ids = unknown.entrySet().stream().map(x -> "id " + x.getKey() + " (" + x.getValue() + " events)")
                        .collect(Collectors.joining(", "));
                String have = loaded.stream().map(p -> Terminal.safe(p.name())
                        + (p.info().id() == null ? " (no source)" : " (id " + p.info().id() + ")"))
                        .collect(Collectors.joining(", "));
                Scapula.err(spec).println("scapula replay: " + (allowUnknown ? "warning: " : "")
                        + "no source known for plugin "
                        + ids + "; loaded: " + have + ". Load the source plugin with -H, or use a capture with a "
                        + "manifest" + (allowUnknown ? "" : ", or give --allow-unknown"));
                return allowUnknown ? Scapula.OK : Scapula.USAGE_OR_INPUT;
            }
            return Scapula.OK;
        } catch (PluginException | IOException e) {
            Scapula.err(spec).println("scapula replay: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        } catch (IllegalArgumentException e) {
            Scapula.err(spec).println("scapula replay: -p " + Terminal.safe(format) + ": "
                    + Terminal.safe(e.getMessage())
                    + closest(e, loaded));
            return Scapula.USAGE_OR_INPUT;
        } finally {
            loaded.forEach(Plugin::close);
        }
    }

    private EventTime eventTime() throws PluginException {
        if (timeZone == null) {
            return EventTime.of(ZoneId.systemDefault(), Instant.now());
        }
        try {
            return EventTime.of(ZoneId.of(timeZone), Instant.now());
        } catch (DateTimeException e) {
            throw new PluginException("--time-zone " + timeZone + ": not a zone (e.g. UTC, +02:00, Europe/Rome): "
                    + e.getMessage());
        }
    }

    /** "; did you mean %NAME?" for an unknown field in -p, as -f names the closest fields. */
    private static String closest(IllegalArgumentException e, List<Plugin> loaded) {
        if (!(e instanceof OutputFormat.UnknownField unknown) || unknown.name() == null) {
            return "";
        }
        List<String> near = FieldCatalog.of(loaded.stream().map(Plugin::info)
                .filter(i -> i.capabilities().contains(Capability.EXTRACTION)).toList(),
                Arrays.stream(BuiltinField.values()).map(BuiltinField::fieldName).toList()).closest(unknown.name());
        return near.isEmpty() ? "" : "; did you mean " + near.stream().map(n -> "%" + n)
                .collect(Collectors.joining(" or ")) + "?";
    }

    /** Whether {@code spec} is a built-in field or a field a loaded plugin can extract with that argument. */
    private static boolean fieldExists(List<Plugin> loaded, String spec) {
        if (BuiltinField.named(spec).isPresent()) {
            return true;
        }
        for (Plugin p : loaded) {
            if (!p.info().capabilities().contains(Capability.EXTRACTION)) {
                continue;
            }
            try {
                FieldRequest.parse(p.info(), spec);
                return true;
            } catch (PluginException notThisOne) {
                // try the next plugin
            }
        }
        return false;
    }

    private static Map<String, String> texts(ReplayCursor e) {
        Map<String, String> out = new HashMap<>();
        for (int slot = 0; slot < e.size(); slot++) {
            FieldValue v = e.field(slot);
            String t = FieldText.text(v);
            if (t != null) {
                out.put(v.field(), Terminal.safe(t));
            }
        }
        return out;
    }
}

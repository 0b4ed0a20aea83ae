package dev.scapula.cli.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.scapula.checks.isolate.Worker;
import dev.scapula.cli.CaptureOrder;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.ManifestPlugins;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.isolate.IsolateOptions;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.table.TableRegistry;
import dev.scapula.replayer.BuiltinField;
import dev.scapula.replayer.EventTime;
import dev.scapula.replayer.ReplayedEvent;
import dev.scapula.replayer.Replayer;
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
import picocli.CommandLine.Option;

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
    /** The fields every JSON line starts with. */
    private static final List<String> JSON_HEADER = List.of("evt.num", "evt.time", "evt.source", "evt.type",
            "evt.is_async");
    /** The fields the text line starts with: number, time, [source], and the async event's name. */
    private static final List<String> TEXT_HEADER = List.of("evt.num", "evt.time", "evt.source", "evt.asynctype");

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
                System.err.println("scapula replay: " + ErrorMessages.describe(e));
                return Scapula.USAGE_OR_INPUT;
            }
        }
        List<Plugin> loaded = new ArrayList<>();
        try (LinePrinter out = new LinePrinter(System.out, isolation.inWorker())) {
            List<PluginOptions.Configured> configured = pluginOptions.configured();
            if (plugins.isEmpty() && !pluginsFromManifest && configured.isEmpty()) {
                System.err.println("scapula replay: give plugins with -H, --plugin-config-file or --plugins-from-manifest");
                return Scapula.USAGE_OR_INPUT;
            }
            EventTime time = eventTime();
            // one registry for all: the plugins share state tables as in one Falco process
            TableRegistry tables = new TableRegistry();
            if (pluginsFromManifest) {
                ManifestPlugins.read(captures.get(0));
            }
            CaptureOrder.warnIfOutOfOrder(captures, w -> System.err.println("scapula replay: " + Terminal.safe(w)));
            List<PluginOptions.Chosen> chosen = pluginOptions.choose(plugins.stream().map(PluginOptions.Spec::parse)
                    .toList());
            for (PluginOptions.Chosen c : chosen) {
                tellBundled(c);
                Plugin p = Plugin.load(c.file());
                loaded.add(p);
                p.init(c.initConfig(), tables);
            }
            if (pluginsFromManifest) {
                for (ManifestPlugins.Found f : new ManifestPlugins(pluginOptions, allowMismatch)
                        .find(captures.get(0), loaded)) {
                    if (f.mismatch() || (f.chosen().bundled() && pluginOptions.hasSearchPath())) {
                        System.err.println("scapula replay: " + Terminal.safe(f.describe()));
                    }
                    Plugin p = Plugin.load(f.chosen().file());
                    loaded.add(p);
                    p.init(f.chosen().initConfig(), tables);
                }
            }
            OutputFormat printFormat = format == null ? null
                    : OutputFormat.parse(format, spec -> fieldExists(loaded, spec));
            List<String> header = text ? TEXT_HEADER : JSON_HEADER;
            LinkedHashSet<String> selected = new LinkedHashSet<>();
            if (printFormat != null) {
                selected.addAll(printFormat.fields());
            } else {
                selected.addAll(header);
                selected.addAll(fields);
            }
            boolean all = printFormat == null && fields.isEmpty();
            Replayer replayer = new Replayer(loaded, new Replayer.Selection(new ArrayList<>(selected), all), time,
                    w -> System.err.println("scapula replay: " + Terminal.safe(w)));
            for (Path capture : captures.subList((int) Math.min(Worker.first(), captures.size()), captures.size())) {
                replayer.replay(capture, e -> {
                    if (printFormat != null) {
                        String line = printFormat.render(texts(e));
                        return line == null || out.println(line);
                    }
                    if (text) {
                        text(out, e);
                    } else {
                        json(out.json(), e);
                    }
                    return out.endLine();
                });
                if (out.broken()) {
                    return Scapula.OK;
                }
            }
            Map<Long, Long> unknown = replayer.unknownIds();
            if (!unknown.isEmpty()) {
                String ids = unknown.entrySet().stream().map(x -> "id " + x.getKey() + " (" + x.getValue() + " events)")
                        .collect(Collectors.joining(", "));
                String have = loaded.stream().map(p -> Terminal.safe(p.name())
                        + (p.info().id() == null ? " (no source)" : " (id " + p.info().id() + ")"))
                        .collect(Collectors.joining(", "));
                System.err.println("scapula replay: " + (allowUnknown ? "warning: " : "") + "no source known for plugin "
                        + ids + "; loaded: " + have + ". Load the source plugin with -H, or use a capture with a "
                        + "manifest" + (allowUnknown ? "" : ", or give --allow-unknown"));
                return allowUnknown ? Scapula.OK : Scapula.USAGE_OR_INPUT;
            }
            return Scapula.OK;
        } catch (PluginException | IOException e) {
            System.err.println("scapula replay: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        } catch (IllegalArgumentException e) {
            System.err.println("scapula replay: -p " + Terminal.safe(format) + ": " + Terminal.safe(e.getMessage())
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

    /** A bundled sample never stands in silently for a plugin the user's search path was meant to hold. */
    private void tellBundled(PluginOptions.Chosen c) {
        if (c.bundled() && pluginOptions.hasSearchPath()) {
            System.err.println("scapula replay: " + Terminal.safe(c.describe()) + ": not in --plugin-dir or "
                    + "SCAPULA_PLUGIN_DIR");
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

    private static Map<String, String> texts(ReplayedEvent e) {
        Map<String, String> out = new HashMap<>();
        for (FieldValue v : e.fields()) {
            String t = FieldText.text(v);
            if (t != null) {
                out.put(v.field(), Terminal.safe(t));
            }
        }
        return out;
    }

    private static void json(JsonGenerator g, ReplayedEvent e) throws IOException {
        g.writeStartObject();
        for (FieldValue v : e.fields()) {
            g.writeFieldName(v.field());
            FieldText.writeJson(g, v, e.timestamp());
            if (v.field().equals("evt.is_async")) {
                // not a libsinsp field: the raw plugin id, which says which plugin's events these are
                g.writeNumberField("evt.plugin_id", e.pluginId());
            }
        }
        g.writeEndObject();
    }

    private static void text(LinePrinter out, ReplayedEvent e) {
        FieldValue num = null;
        FieldValue time = null;
        FieldValue source = null;
        for (FieldValue v : e.fields()) {
            switch (v.field()) {
                case "evt.num" -> num = v;
                case "evt.time" -> time = v;
                case "evt.source" -> source = v;
                default -> {
                    // printed after the header
                }
            }
        }
        // the header fields are always selected in text mode; "null" is what a missing one printed before
        FieldText.writeText(out, num, "null");
        out.text(' ');
        FieldText.writeText(out, time, "null");
        out.text(" [");
        FieldText.writeText(out, source, "null");
        out.text(']');
        if (e.asyncName() != null) {
            out.text(' ').text(Terminal.safe(e.asyncName()));
        }
        for (FieldValue v : e.fields()) {
            if (TEXT_HEADER.contains(v.field())) {
                continue;
            }
            out.text(' ').text(v.field()).text('=');
            FieldText.writeText(out, v, FieldText.NOT_AVAILABLE);
        }
    }
}

package dev.scapula.cli.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.cli.output.Timestamps;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.replayer.ReplayedEvent;
import dev.scapula.replayer.Replayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scapula replay}: a capture's plugin events through extractor plugins, one line per event. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay captures through plugins and print the extracted fields, one line per plugin event.",
            "",
            "Each plugin event goes to every loaded extractor compatible with its source, straight from the "
                + "reader's buffer. Event sources come from the plugin ids: loaded source plugins first, then "
                + "the capture's manifest. JSON lines by default, keyed by field name, with evt.num, evt.time, "
                + "evt.rawtime, evt.source and evt.plugin_id; a field with no value is null.",
            "",
            "Example: scapula replay -r counter.scap -H fields -f fields.seq -f fields.ip"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:replayed", "2:usage or input error, a plugin error, or plugin ids no loaded plugin or "
                + "manifest names (unless --allow-unknown)"})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = {"-r", "--readfile", "--capture"}, required = true, paramLabel = "FILE",
            description = "Capture to replay (repeatable).")
    List<Path> captures;

    @Option(names = {"-H", "--plugin"}, required = true, paramLabel = "PLUGIN[:INITCONFIG]",
            description = "A plugin to load, by path or name, with its init config (repeatable).")
    List<String> plugins;

    @Option(names = {"-f", "--field"}, paramLabel = "FIELD", description = "A field to extract, e.g. fields.byte[3] "
            + "(repeatable). Default: every field that needs no argument.")
    List<String> fields = new ArrayList<>();

    @Option(names = "--text", description = "num time source field=value ... instead of JSON.")
    boolean text;

    @Option(names = "--allow-unknown", description = "Replay even when some plugin ids have no known source.")
    boolean allowUnknown;

    @Mixin
    PluginOptions pluginOptions;

    @Override
    public Integer call() {
        List<Plugin> loaded = new ArrayList<>();
        Json json = new Json();
        try (LinePrinter out = new LinePrinter()) {
            for (String spec : plugins) {
                PluginOptions.Spec s = PluginOptions.Spec.parse(spec);
                Plugin p = Plugin.load(pluginOptions.locate(s.plugin()));
                loaded.add(p);
                p.init(s.config());
            }
            Replayer replayer = new Replayer(loaded, fields);
            for (Path capture : captures) {
                replayer.replay(capture, e -> out.println(text ? text(e) : json.line(json(json, e))));
                if (out.broken()) {
                    return Scapula.OK;
                }
            }
            Map<Long, Long> unknown = replayer.unknownIds();
            if (!unknown.isEmpty()) {
                String ids = unknown.entrySet().stream().map(x -> "id " + x.getKey() + " (" + x.getValue() + " events)")
                        .collect(Collectors.joining(", "));
                String have = loaded.stream().map(p -> p.name() + (p.info().id() == null ? " (no source)"
                        : " (id " + p.info().id() + ")")).collect(Collectors.joining(", "));
                System.err.println("scapula replay: " + (allowUnknown ? "warning: " : "") + "no source known for plugin "
                        + ids + "; loaded: " + have + ". Load the source plugin with -H, or use a capture with a "
                        + "manifest" + (allowUnknown ? "" : ", or give --allow-unknown"));
                return allowUnknown ? Scapula.OK : Scapula.USAGE_OR_INPUT;
            }
            return Scapula.OK;
        } catch (PluginException | IOException e) {
            System.err.println("scapula replay: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        } finally {
            loaded.forEach(Plugin::close);
        }
    }

    private static ObjectNode json(Json json, ReplayedEvent e) {
        ObjectNode n = json.mapper().createObjectNode();
        n.put("evt.num", e.number());
        String time = Timestamps.iso(e.timestamp());
        if (time != null) {
            n.put("evt.time", time);
        }
        n.put("evt.rawtime", e.timestamp());
        n.put("evt.source", e.source());
        n.put("evt.plugin_id", e.pluginId());
        for (FieldValue v : e.fields()) {
            if (!v.present()) {
                n.putNull(v.field());
            } else if (!v.list()) {
                n.putPOJO(v.field(), v.values().get(0));
            } else {
                ArrayNode a = n.putArray(v.field());
                v.values().forEach(a::addPOJO);
            }
        }
        return n;
    }

    private static String text(ReplayedEvent e) {
        StringBuilder b = new StringBuilder();
        b.append(e.number()).append(' ').append(Timestamps.clock(e.timestamp())).append(" [").append(e.source())
                .append(']');
        for (FieldValue v : e.fields()) {
            b.append(' ').append(v.field()).append('=');
            b.append(!v.present() ? "<NA>" : !v.list() ? String.valueOf(v.values().get(0))
                    : v.values().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")")));
        }
        return b.toString();
    }
}

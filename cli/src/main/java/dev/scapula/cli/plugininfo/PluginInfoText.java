package dev.scapula.cli.plugininfo;

import static dev.scapula.cli.output.Terminal.safe;

import dev.scapula.plugin.PluginInfo;
import dev.scapula.plugin.load.ApiVersion;
import dev.scapula.plugin.load.Capability;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a plugin's description, with its fields as the table plugin READMEs use. */
final class PluginInfoText {
    private static final String FORMAT = "%-22s %s%n";

    String render(PluginInfo info, String openParams, String initError, List<Integer> parseTypes,
            List<Integer> extractTypes, List<String> tables) {
        StringBuilder b = new StringBuilder();
        line(b, "Name:", info.name());
        line(b, "Version:", info.version());
        line(b, "Description:", info.description());
        line(b, "Contact:", info.contact());
        line(b, "Required API version:", info.requiredApiVersion() + " (this host implements " + ApiVersion.HOST + ")");
        line(b, "Capabilities:", info.capabilities().stream().map(c -> c.name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", ")));
        line(b, "Plugin file:", info.path());
        if (info.capabilities().contains(Capability.SOURCING)) {
            line(b, "ID:", String.valueOf(info.id()));
            line(b, "Event source:", info.eventSource());
        }
        line(b, "Init schema:", info.initSchema() == null ? "none" : info.initSchema());
        if (openParams != null) {
            line(b, "Open params:", openParams);
        }
        if (initError != null) {
            line(b, "Init failed:", initError);
        }
        list(b, "Extract sources:", info.extractEventSources());
        list(b, "Parse sources:", info.parseEventSources());
        list(b, "Async sources:", info.asyncEventSources());
        list(b, "Async events:", info.asyncEvents());
        list(b, "Parse event types:", parseTypes.stream().map(String::valueOf).toList());
        list(b, "Extract event types:", extractTypes.stream().map(String::valueOf).toList());
        list(b, "State tables:", tables);
        if (!info.fields().isEmpty()) {
            b.append(String.format("%nFields:%n%n"));
            b.append("| NAME | TYPE | LIST | ARG | DESCRIPTION |\n");
            b.append("|------|------|------|-----|-------------|\n");
            for (PluginInfo.Field f : info.fields()) {
                b.append("| `").append(safe(f.name())).append("` | `").append(safe(f.type())).append("` | ")
                        .append(f.list() ? "yes" : "no").append(" | ").append(f.arg().isEmpty() ? "none" : safe(f.arg()))
                        .append(" | ").append(safe(f.description()).replace("|", "\\|")).append(" |\n");
            }
        }
        return b.toString();
    }

    private static void list(StringBuilder b, String label, List<String> values) {
        if (!values.isEmpty()) {
            line(b, label, String.join(", ", values));
        }
    }

    private static void line(StringBuilder b, String label, String value) {
        // every value comes from the plugin (or its file name): a control character in it is shown, not obeyed
        b.append(String.format(FORMAT, label, safe(value)));
    }
}

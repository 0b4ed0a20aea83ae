package dev.scapula.replayer;

import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * An extractor plugin with the fields asked of it, where each value goes in the event's field
 * list, and the events it accepts.
 */
final class ExtractorBinding {
    final Plugin plugin;
    final Extractor extractor;
    final Compatibility compatibility;
    final List<FieldRequest> requests = new ArrayList<>();
    /** For each request, its position among the selected fields. */
    final List<Integer> slots = new ArrayList<>();

    ExtractorBinding(Plugin plugin) throws PluginException {
        this.plugin = plugin;
        this.extractor = new Extractor(plugin);
        this.compatibility = Compatibility.extraction(plugin);
    }

    /** Whether the plugin declares a field of this name (the part before any {@code [arg]}). */
    boolean declares(String spec) {
        return FieldRequest.declares(plugin.info(), spec);
    }

    void add(String spec, int slot) throws PluginException {
        requests.add(FieldRequest.parse(plugin.info(), spec));
        slots.add(slot);
    }

    /** The plugin's fields that need no argument, for "every field". */
    List<String> argumentFreeFields() {
        List<String> out = new ArrayList<>();
        for (var f : plugin.info().fields()) {
            if (!f.arg().startsWith("required")) {
                out.add(f.name());
            }
        }
        return out;
    }
}

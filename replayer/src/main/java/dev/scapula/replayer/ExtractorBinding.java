package dev.scapula.replayer;

import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import java.util.ArrayList;
import java.util.List;

/** An extractor plugin with the fields to ask of it and the event sources it accepts. */
final class ExtractorBinding {
    final Plugin plugin;
    final Extractor extractor;
    final List<FieldRequest> requests;

    private ExtractorBinding(Plugin plugin, List<FieldRequest> requests) throws PluginException {
        this.plugin = plugin;
        this.extractor = new Extractor(plugin);
        this.requests = requests;
    }

    /** Binds the requested fields that belong to this plugin; all its fields when {@code all}. */
    static ExtractorBinding of(Plugin plugin, List<String> fieldSpecs, boolean all) throws PluginException {
        List<FieldRequest> requests = new ArrayList<>();
        if (all) {
            for (var f : plugin.info().fields()) {
                if (!f.arg().startsWith("required")) {
                    requests.add(FieldRequest.parse(plugin.info(), f.name()));
                }
            }
        } else {
            for (String spec : fieldSpecs) {
                String name = spec.contains("[") ? spec.substring(0, spec.indexOf('[')) : spec;
                if (plugin.info().fields().stream().anyMatch(f -> f.name().equals(name))) {
                    requests.add(FieldRequest.parse(plugin.info(), spec));
                }
            }
        }
        return new ExtractorBinding(plugin, requests);
    }

    /**
     * Whether this plugin extracts from events of {@code source}: the sources it declares, or,
     * when it declares none, its own source if it has one and every source if not.
     */
    boolean accepts(String source) {
        List<String> declared = plugin.info().extractEventSources();
        if (!declared.isEmpty()) {
            return declared.contains(source);
        }
        String own = plugin.info().eventSource();
        return own == null || own.isEmpty() || own.equals(source);
    }
}

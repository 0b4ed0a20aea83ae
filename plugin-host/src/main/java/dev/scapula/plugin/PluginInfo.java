package dev.scapula.plugin;

import dev.scapula.plugin.load.Capability;
import java.util.List;
import java.util.Set;

/**
 * What a plugin says about itself, read from its exported functions before {@code init}: identity,
 * required API version, capabilities, fields and compatible sources.
 */
public record PluginInfo(
        String path,
        String name,
        String version,
        String description,
        String contact,
        String requiredApiVersion,
        Set<Capability> capabilities,
        Long id,
        String eventSource,
        String initSchema,
        List<Field> fields,
        List<String> extractEventSources,
        List<String> parseEventSources,
        List<String> asyncEventSources,
        List<String> asyncEvents) {

    /** One extractable field as {@code get_fields} declares it. */
    public record Field(String name, String type, boolean list, String arg, String display, String description,
            List<String> properties) {
    }
}

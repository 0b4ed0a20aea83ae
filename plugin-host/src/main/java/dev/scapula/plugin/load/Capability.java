package dev.scapula.plugin.load;

import java.util.List;

/**
 * What a plugin can do, detected from the symbols it exports, with the symbols each capability
 * needs all of (a plugin exporting only some of them is refused, as the framework does).
 */
public enum Capability {
    SOURCING(List.of("plugin_open", "plugin_close", "plugin_next_batch"),
            List.of("plugin_open", "plugin_close", "plugin_next_batch")),
    EXTRACTION(List.of("plugin_get_fields", "plugin_extract_fields"), List.of("plugin_extract_fields")),
    PARSING(List.of("plugin_parse_event"), List.of("plugin_parse_event")),
    ASYNC(List.of("plugin_get_async_events", "plugin_set_async_event_handler"),
            List.of("plugin_set_async_event_handler")),
    CAPTURE_LISTENING(List.of("plugin_capture_open", "plugin_capture_close"), List.of("plugin_capture_open"));

    private final List<String> symbols;
    private final List<String> triggers;

    Capability(List<String> symbols, List<String> triggers) {
        this.symbols = symbols;
        this.triggers = triggers;
    }

    /** Every symbol the capability needs. */
    public List<String> symbols() {
        return symbols;
    }

    /**
     * Symbols that claim the capability: exporting one without the rest makes the plugin
     * broken, as the framework's loader decides (get_fields alone, say, is allowed).
     */
    public List<String> triggers() {
        return triggers;
    }
}

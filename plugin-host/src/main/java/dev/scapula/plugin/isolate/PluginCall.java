package dev.scapula.plugin.isolate;

/** The plugin API function a worker was calling, as a {@link CallLog} records it. */
public enum PluginCall {
    INIT("plugin_init"),
    DESTROY("plugin_destroy"),
    OPEN("plugin_open"),
    CLOSE("plugin_close"),
    NEXT_BATCH("plugin_next_batch"),
    EXTRACT_FIELDS("plugin_extract_fields"),
    PARSE_EVENT("plugin_parse_event"),
    EVENT_TO_STRING("plugin_event_to_string"),
    DUMP_STATE("plugin_dump_state"),
    TABLE_READ("a state table read"),
    CAPTURE_OPEN("plugin_capture_open"),
    CAPTURE_CLOSE("plugin_capture_close");

    private final String function;

    PluginCall(String function) {
        this.function = function;
    }

    /** The C function's name, as a plugin author knows it. */
    public String function() {
        return function;
    }

    static PluginCall ofOrdinal(int ordinal) {
        PluginCall[] all = values();
        return ordinal >= 0 && ordinal < all.length ? all[ordinal] : null;
    }
}

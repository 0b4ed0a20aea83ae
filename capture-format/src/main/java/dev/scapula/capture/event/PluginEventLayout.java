package dev.scapula.capture.event;

/**
 * The plugin event (type 322, {@code PPME_PLUGINEVENT_E}) as plugins hand it over and libscap
 * writes it: two parameters with u32 lengths, the plugin id and the payload.
 *
 * <pre>
 *   0           26         30          34          38
 *   +-----------+----------+-----------+-----------+-----------------+
 *   | header    | len0 = 4 | len1 = N  | plugin_id | payload (N)     |
 *   +-----------+----------+-----------+-----------+-----------------+
 *   header.type = 322, header.nparams = 2, header.len = 38 + N
 * </pre>
 *
 * <p>plugin-host's {@code plugin_calls.c} mirrors these offsets (the recorder's fast path).
 */
public final class PluginEventLayout {
    public static final int TYPE = EventTypes.PLUGIN_EVENT;
    public static final int PARAM_COUNT = 2;
    /** The u32 length of parameter 0, the plugin id: always 4. */
    public static final int PLUGIN_ID_LENGTH = EventHeader.LENGTH;
    /** The u32 length of parameter 1, the payload. */
    public static final int PAYLOAD_LENGTH = PLUGIN_ID_LENGTH + 4;
    public static final int PLUGIN_ID = PAYLOAD_LENGTH + 4;
    public static final int PAYLOAD = PLUGIN_ID + 4;

    private PluginEventLayout() {
    }
}

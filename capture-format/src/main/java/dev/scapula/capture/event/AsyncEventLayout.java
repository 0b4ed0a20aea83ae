package dev.scapula.capture.event;

/**
 * The async event (type 402, {@code PPME_ASYNCEVENT_E}) a plugin sends from its own threads:
 * three parameters with u32 lengths, the plugin id, a NUL-terminated name and the data.
 *
 * <pre>
 *   0          26         30          34          38          42
 *   +----------+----------+-----------+-----------+-----------+-------------+-------------+
 *   | header   | len0 = 4 | len1 = K  | len2 = D  | plugin_id | name\0 (K)  | data (D)    |
 *   +----------+----------+-----------+-----------+-----------+-------------+-------------+
 *   header.type = 402, header.nparams = 3, header.len = 42 + K + D
 * </pre>
 */
public final class AsyncEventLayout {
    public static final int TYPE = EventTypes.ASYNC_EVENT;
    public static final int PARAM_COUNT = 3;
    /** The u32 length of parameter 0, the plugin id: always 4. */
    public static final int PLUGIN_ID_LENGTH = EventHeader.LENGTH;
    /** The u32 length of parameter 1, the name with its NUL. */
    public static final int NAME_LENGTH = PLUGIN_ID_LENGTH + 4;
    /** The u32 length of parameter 2, the data. */
    public static final int DATA_LENGTH = NAME_LENGTH + 4;
    public static final int PLUGIN_ID = DATA_LENGTH + 4;
    public static final int NAME = PLUGIN_ID + 4;

    private AsyncEventLayout() {
    }
}

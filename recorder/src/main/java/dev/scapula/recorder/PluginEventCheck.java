package dev.scapula.recorder;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import dev.scapula.plugin.PluginException;

/**
 * Checks an event a source plugin produced before it is written, with the rules libscap's
 * source engine applies: a 322 event with 2 parameters, u32 lengths that add up, and a plugin id
 * that is 0 (filled in) or the plugin's own.
 *
 * <pre>
 * 0 u64 ts | 8 u64 tid | 16 u32 len | 20 u16 type=322 | 22 u32 nparams=2 | 26 u32 len0=4
 * 30 u32 len1=N | 34 u32 plugin_id | 38 payload (N bytes); len = 38 + N
 * </pre>
 */
final class PluginEventCheck {
    static final int TS = 0;
    private static final int TID = 8;
    private static final int TYPE = 20;
    private static final int NPARAMS = 22;
    private static final int LEN0 = 26;
    private static final int LEN1 = 30;
    private static final int PLUGIN_ID = 34;
    private static final int PAYLOAD = 38;
    private static final int PLUGIN_EVENT = 322;

    private final String plugin;
    private final int pluginId;
    /** The header copied out in one native read: each Pointer.getInt would be a JNI call of its own. */
    private final byte[] header = new byte[PAYLOAD];
    private final ByteBuffer view = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);

    PluginEventCheck(String plugin, int pluginId) {
        this.plugin = plugin;
        this.pluginId = pluginId;
    }

    /** Checks the event and returns its timestamp. */
    long check(Pointer e, int length, long eventNumber) throws PluginException {
        e.read(0, header, 0, Math.min(PAYLOAD, Math.max(length, 0)));
        int type = length >= NPARAMS ? view.getShort(TYPE) & 0xffff : -1;
        if (length < PAYLOAD || type != PLUGIN_EVENT || view.getInt(NPARAMS) != 2 || view.getInt(LEN0) != 4
                || (view.getInt(LEN1) & 0xffffffffL) != length - PAYLOAD) {
            throw new PluginException(plugin + ": malformed plugin event " + eventNumber + " from plugin_next_batch: "
                    + "expected type 322, 2 parameters, lengths 4 and len-38; found type " + type + ", len " + length
                    + ", nparams " + (length >= LEN0 ? view.getInt(NPARAMS) : -1));
        }
        int id = view.getInt(PLUGIN_ID);
        if (id != 0 && id != pluginId) {
            throw new PluginException(plugin + ": unexpected plugin ID in plugin event " + eventNumber + ": " +
                    Integer.toUnsignedString(id) + " (the plugin's ID is " + Integer.toUnsignedString(pluginId) + ")");
        }
        return view.getLong(TS);
    }

    /**
     * Sets in the plugin's own buffer what the writer set in the file (the stamped timestamp,
     * tid -1, the plugin's id), as libscap's source engine does, so parsers and live extraction
     * see the bytes a replay will; the fields already right are not written. Call after check.
     */
    void fixUp(Pointer e, long stamped) {
        if (view.getLong(TS) != stamped) {
            e.setLong(TS, stamped);
        }
        if (view.getLong(TID) != -1L) {
            e.setLong(TID, -1L);
        }
        if (view.getInt(PLUGIN_ID) != pluginId) {
            e.setInt(PLUGIN_ID, pluginId);
        }
    }
}

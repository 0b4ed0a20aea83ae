package dev.scapula.recorder;

import com.sun.jna.Pointer;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.event.PluginEventLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import dev.scapula.plugin.PluginException;

/**
 * Checks an event a source plugin produced before it is written, with the rules libscap's
 * source engine applies: a 322 event with 2 parameters, u32 lengths that add up, and a plugin id
 * that is 0 (filled in) or the plugin's own ({@link PluginEventLayout}). plugin-host's
 * {@code plugin_calls.c} applies the same rules without the messages on the fast path, and
 * leaves an event that fails them to this class to report.
 */
final class PluginEventCheck {

    private final String plugin;
    private final int pluginId;
    /** The header copied out in one native read: each Pointer.getInt would be a JNI call of its own. */
    private final byte[] header = new byte[PluginEventLayout.PAYLOAD];
    private final ByteBuffer view = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);

    PluginEventCheck(String plugin, int pluginId) {
        this.plugin = plugin;
        this.pluginId = pluginId;
    }

    /** Checks the event and returns its timestamp. */
    long check(Pointer e, int length, long eventNumber) throws PluginException {
        e.read(0, header, 0, Math.min(PluginEventLayout.PAYLOAD, Math.max(length, 0)));
        int type = length >= EventHeader.NPARAMS ? view.getShort(EventHeader.TYPE) & 0xffff : -1;
        int nparams = length >= PluginEventLayout.PLUGIN_ID_LENGTH ? view.getInt(EventHeader.NPARAMS) : -1;
        long payloadLength = view.getInt(PluginEventLayout.PAYLOAD_LENGTH) & 0xffffffffL;
        if (length < PluginEventLayout.PAYLOAD || type != PluginEventLayout.TYPE
                || nparams != PluginEventLayout.PARAM_COUNT || view.getInt(PluginEventLayout.PLUGIN_ID_LENGTH) != 4
                || payloadLength != length - PluginEventLayout.PAYLOAD) {
            throw new PluginException(plugin + ": malformed plugin event " + eventNumber + " from plugin_next_batch: "
                    + "expected type 322, 2 parameters, lengths 4 and len-38; found type " + type + ", len " + length
                    + ", nparams " + nparams);
        }
        int id = view.getInt(PluginEventLayout.PLUGIN_ID);
        if (id != 0 && id != pluginId) {
            throw new PluginException(plugin + ": unexpected plugin ID in plugin event " + eventNumber + ": " +
                    Integer.toUnsignedString(id) + " (the plugin's ID is " + Integer.toUnsignedString(pluginId) + ")");
        }
        return view.getLong(EventHeader.TS);
    }

    /**
     * Sets in the plugin's own buffer what the writer set in the file (the stamped timestamp,
     * tid -1, the plugin's id), as libscap's source engine does, so parsers and live extraction
     * see the bytes a replay will; the fields already right are not written. Call after check.
     */
    void fixUp(Pointer e, long stamped) {
        if (view.getLong(EventHeader.TS) != stamped) {
            e.setLong(EventHeader.TS, stamped);
        }
        if (view.getLong(EventHeader.TID) != -1L) {
            e.setLong(EventHeader.TID, -1L);
        }
        if (view.getInt(PluginEventLayout.PLUGIN_ID) != pluginId) {
            e.setInt(PluginEventLayout.PLUGIN_ID, pluginId);
        }
    }
}

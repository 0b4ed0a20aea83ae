package dev.scapula.plugin.capture;

import com.sun.jna.Memory;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.isolate.PluginCall;
import dev.scapula.plugin.load.Capability;

/**
 * Tells a capture-listening plugin that a capture opened and closed, as libsinsp does for live
 * and replayed captures alike; close is idempotent.
 *
 * <pre>
 * ss_plugin_capture_listen_input (40): 0 owner | 8 routine vtable* (none offered: NULL)
 *                                      16 reader_ext* | 24 writer_ext* (the host's table vtables)
 *                                      32 get_owner_last_error
 * </pre>
 */
public final class CaptureListener implements AutoCloseable {
    private final Plugin plugin;
    private final Memory input = new Memory(40);
    private boolean open;

    private CaptureListener(Plugin plugin) {
        this.plugin = plugin;
        input.clear();
        input.setPointer(0, plugin.owner());
        input.setPointer(16, plugin.tableRegistry().dispatch().readerVtable());
        input.setPointer(24, plugin.tableRegistry().dispatch().writerVtable());
        input.setPointer(32, plugin.ownerLastErrorFunction());
    }

    /** Calls {@code capture_open}. */
    public static CaptureListener open(Plugin plugin) throws PluginException {
        if (!plugin.info().capabilities().contains(Capability.CAPTURE_LISTENING)) {
            throw new PluginException(plugin.name() + " does not listen for captures");
        }
        CaptureListener l = new CaptureListener(plugin);
        l.call("plugin_capture_open");
        l.open = true;
        return l;
    }

    private void call(String symbol) throws PluginException {
        int rc;
        plugin.callLog().enter(symbol.endsWith("open") ? PluginCall.CAPTURE_OPEN : PluginCall.CAPTURE_CLOSE, -1);
        try {
            rc = (Integer) plugin.library().require(symbol).invoke(Integer.class,
                    new Object[] {plugin.requireState(), input});
        } finally {
            plugin.callLog().exit();
        }
        if (rc != 0) {
            throw new PluginCallException(plugin.name(), symbol, rc, plugin.lastError());
        }
    }

    /** Calls {@code capture_close} once. */
    @Override
    public void close() throws PluginException {
        if (open) {
            open = false;
            call("plugin_capture_close");
        }
    }
}

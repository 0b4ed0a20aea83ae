package dev.scapula.plugin.source;

import dev.scapula.capture.event.EventHeader;
import dev.scapula.plugin.NativeString;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.ReturnCode;
import dev.scapula.plugin.call.DirectCalls;
import dev.scapula.plugin.isolate.PluginCall;

/**
 * One open event stream of a source plugin: call {@link #nextBatch} until it reports EOF, then
 * close it (idempotent). Events are copied out of plugin memory before the call returns.
 */
public final class SourceInstance implements AutoCloseable {

    private final Plugin plugin;
    private final Pointer instance;
    private final Memory count = new Memory(4);
    private final Memory events = new Memory(8);
    private boolean closed;

    private SourceInstance(Plugin plugin, Pointer instance) throws PluginException {
        this.plugin = plugin;
        this.instance = instance;
        this.nextBatch = DirectCalls.address(plugin.library().require("plugin_next_batch"));
    }

    /** Calls {@code plugin_open}. */
    public static SourceInstance open(Plugin plugin, String params) throws PluginException {
        Memory text = NativeString.of(params);
        Memory rc = new Memory(4);
        rc.setInt(0, ReturnCode.FAILURE.code());
        Pointer h;
        plugin.callLog().enter(PluginCall.OPEN, -1);
        try {
            h = (Pointer) plugin.library().require("plugin_open").invoke(Pointer.class,
                    new Object[] {plugin.requireState(), text, rc});
        } finally {
            plugin.callLog().exit();
        }
        if (rc.getInt(0) != ReturnCode.SUCCESS.code() || h == null) {
            throw new PluginCallException(plugin.name(), "plugin_open", rc.getInt(0) == 0 ? 1 : rc.getInt(0),
                    plugin.lastError());
        }
        return new SourceInstance(plugin, h);
    }

    /** Receives each event of a batch while it is still valid (address and length in plugin memory). */
    @FunctionalInterface
    public interface EventSink {
        void accept(Pointer event, int length) throws PluginException;
    }

    /**
     * Calls {@code plugin_next_batch} and hands each event to the sink; returns SUCCESS, TIMEOUT
     * (try again) or EOF, and throws with the plugin's last error for anything else.
     */
    /**
     * The most events one batch may claim: a count beyond it is a plugin bug, and trusting it
     * would read past the plugin's array and allocate gigabytes for the addresses.
     */
    static final int MAX_BATCH = 1 << 20;
    /** The address of plugin_next_batch. */
    private final long nextBatch;
    /** The event addresses of the last batch, reused (pointers are 64-bit on the platforms plugins run on). */
    private long[] addresses = new long[128];

    public ReturnCode nextBatch(EventSink sink) throws PluginException {
        count.setInt(0, 0);
        events.setPointer(0, Pointer.NULL);
        plugin.callLog().enter(PluginCall.NEXT_BATCH, -1);
        int raw = DirectCalls.call4(nextBatch,
                DirectCalls.address(plugin.requireState()), DirectCalls.address(instance), DirectCalls.address(count),
                DirectCalls.address(events));
        plugin.callLog().exit();
        ReturnCode rc = ReturnCode.of(raw);
        if (rc != ReturnCode.SUCCESS && rc != ReturnCode.TIMEOUT && rc != ReturnCode.EOF) {
            throw new PluginCallException(plugin.name(), "plugin_next_batch", raw, plugin.lastError());
        }
        int n = count.getInt(0);
        Pointer array = events.getPointer(0);
        if (n < 0 || n > MAX_BATCH) {
            throw new PluginException(plugin.name() + ": plugin_next_batch returned " + Integer.toUnsignedString(n)
                    + " events, more than a batch can hold (at most " + MAX_BATCH + ")");
        }
        if (n > 0 && array == null) {
            throw new PluginException(plugin.name() + ": plugin_next_batch returned " + n
                    + " events and a NULL event array");
        }
        if (addresses.length < n) {
            addresses = new long[n];
        }
        // The whole pointer array in one native read, instead of one JNI call per event.
        if (n > 0) {
            array.read(0, addresses, 0, n);
        }
        for (int i = 0; i < n; i++) {
            Pointer e = addresses[i] == 0 ? null : new Pointer(addresses[i]);
            if (e == null) {
                throw new PluginException(plugin.name() + ": plugin_next_batch event " + i + " of " + n + " is NULL");
            }
            int len = e.getInt(EventHeader.LEN);
            if (len < EventHeader.LENGTH) {
                throw new PluginException(plugin.name() + ": plugin_next_batch event " + i + " has length " + len
                        + ", less than the 26-byte event header");
            }
            sink.accept(e, len);
        }
        return rc;
    }

    /** The plugin's progress text and percentage (hundredths), or null when it does not report one. */
    public Progress progress() throws PluginException {
        if (!plugin.library().exports("plugin_get_progress")) {
            return null;
        }
        Memory pct = new Memory(4);
        pct.setInt(0, 0);
        Pointer text = (Pointer) plugin.library().require("plugin_get_progress").invoke(Pointer.class,
                new Object[] {plugin.requireState(), instance, pct});
        return new Progress(text == null ? "" : text.getString(0, "UTF-8"), pct.getInt(0));
    }

    /** Progress as the plugin reports it: text, and hundredths of a percent. */
    public record Progress(String text, int hundredthsOfPercent) {
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            plugin.callLog().enter(PluginCall.CLOSE, -1);
            plugin.library().require("plugin_close").invoke(Void.class, new Object[] {plugin.requireState(), instance});
            plugin.callLog().exit();
        } catch (PluginException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}

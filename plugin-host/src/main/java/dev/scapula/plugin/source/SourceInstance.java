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
     * The most events one batch may claim: a count beyond it is a plugin bug, and trusting it
     * would read past the plugin's array and allocate gigabytes for the addresses.
     */
    static final int MAX_BATCH = 1 << 20;
    /** The address of plugin_next_batch. */
    private final long nextBatch;
    /**
     * What {@link DirectCalls#nextBatch} returns: count, array, whether the events follow, then
     * address and length per event; reused, and grown to the largest batch seen (also when the
     * rest of a batch {@link #nextBatchesInto} left is read).
     */
    private long[] batch = new long[3 + 2 * 128];

    /**
     * Calls {@code plugin_next_batch} and hands each event to the sink; returns SUCCESS, TIMEOUT
     * (try again) or EOF, and throws with the plugin's last error for anything else.
     */
    public ReturnCode nextBatch(EventSink sink) throws PluginException {
        plugin.callLog().enter(PluginCall.NEXT_BATCH, -1);
        int raw = DirectCalls.nextBatch(nextBatch, DirectCalls.address(plugin.requireState()),
                DirectCalls.address(instance), batch);
        plugin.callLog().exit();
        ReturnCode rc = status(raw);
        int n = checkedCount(batch[0], batch[1]);
        if (n > 0 && batch[2] == 0) {
            // More events than the array had room for: read them now, and make room for a batch this size.
            readBatch(batch[1], n);
        }
        deliver(n, 0, sink);
        return rc;
    }

    /**
     * Calls {@code plugin_next_batch} as {@code staged} asks, writing the events that pass the
     * checks as event blocks at its destination (see {@link DirectCalls#nextBatchesInto}); the
     * caller takes what was written, then calls {@link #finishBatches}.
     */
    public void nextBatchesInto(StagedBatches staged) throws PluginException {
        plugin.callLog().enter(PluginCall.NEXT_BATCH, -1);
        DirectCalls.nextBatchesInto(nextBatch, DirectCalls.address(plugin.requireState()),
                DirectCalls.address(instance), staged.io);
        plugin.callLog().exit();
    }

    /**
     * After {@link #nextBatchesInto}: throws as {@link #nextBatch} does for a failed call or a bad
     * batch, hands the events of the last batch it did not write to the sink one by one (as
     * {@link #nextBatch} would, so that they are checked, reported or written as there), and
     * returns the last call's status.
     */
    public ReturnCode finishBatches(StagedBatches staged, EventSink sink) throws PluginException {
        ReturnCode rc = status(staged.rc());
        int n = checkedCount(staged.count(), staged.array());
        if (staged.index() < n) {
            readBatch(staged.array(), n);
            deliver(n, staged.index(), sink);
        }
        return rc;
    }

    /** SUCCESS, TIMEOUT or EOF; anything else is thrown with the plugin's last error. */
    private ReturnCode status(int raw) throws PluginException {
        ReturnCode rc = ReturnCode.of(raw);
        if (rc != ReturnCode.SUCCESS && rc != ReturnCode.TIMEOUT && rc != ReturnCode.EOF) {
            throw new PluginCallException(plugin.name(), "plugin_next_batch", raw, plugin.lastError());
        }
        return rc;
    }

    /** The batch's event count, refused when it is beyond belief or has no array. */
    private int checkedCount(long count, long array) throws PluginException {
        if (count > MAX_BATCH) {
            throw new PluginException(plugin.name() + ": plugin_next_batch returned " + count
                    + " events, more than a batch can hold (at most " + MAX_BATCH + ")");
        }
        int n = (int) count;
        if (n > 0 && array == 0) {
            throw new PluginException(plugin.name() + ": plugin_next_batch returned " + n
                    + " events and a NULL event array");
        }
        return n;
    }

    /** Hands events {@code from} to {@code n - 1} of {@link #batch} to the sink. */
    private void deliver(int n, int from, EventSink sink) throws PluginException {
        for (int i = from; i < n; i++) {
            long address = batch[3 + 2 * i];
            if (address == 0) {
                throw new PluginException(plugin.name() + ": plugin_next_batch event " + i + " of " + n + " is NULL");
            }
            int len = (int) batch[4 + 2 * i];
            if (len < EventHeader.LENGTH) {
                throw new PluginException(plugin.name() + ": plugin_next_batch event " + i + " has length " + len
                        + ", less than the 26-byte event header");
            }
            sink.accept(new Pointer(address), len);
        }
    }

    /** Fills {@link #batch} for {@code n} events through JNA, growing it when they do not fit. */
    private void readBatch(long array, int n) {
        if (batch.length < 3 + 2 * n) {
            batch = new long[3 + 2 * n];
        }
        batch[2] = 1;
        long[] addresses = new long[n];
        new Pointer(array).read(0, addresses, 0, n); // the whole pointer array in one native read
        for (int i = 0; i < n; i++) {
            batch[3 + 2 * i] = addresses[i];
            batch[4 + 2 * i] = addresses[i] == 0 ? 0 : new Pointer(addresses[i]).getInt(EventHeader.LEN);
        }
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

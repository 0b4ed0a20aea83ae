package dev.scapula.plugin.async;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.scapula.capture.event.AsyncEventLayout;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.isolate.PluginCall;
import dev.scapula.plugin.load.Capability;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The async events of one plugin: the handler its threads call (checked and copied as libsinsp
 * does, then queued), and {@code dump_state}. Close it to clear the handler, which makes the
 * plugin stop its threads; the callback stays referenced until then.
 * The events are laid out as {@link AsyncEventLayout} describes.
 */
public final class AsyncEvents implements AutoCloseable {
    /** libsinsp's queue holds this many events. */
    public static final int QUEUE_CAPACITY = 4096;
    /** How long a plugin thread waits for room in a full queue before its event is dropped. */
    public static final long BACKPRESSURE_MILLIS = 1000;
    private static final int PLUGIN_MAX_ERRLEN = 1024;

    private final Plugin plugin;
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Referenced here for as long as the plugin may call it. */
    private final Handler handler = this::onEvent;
    private boolean set;
    /** How long a full queue makes the plugin's thread wait for room; 0: drop at once, as libsinsp. */
    private final long backpressureMillis;

    /** Async events of a plugin that drop when the queue is full, as libsinsp does. */
    public AsyncEvents(Plugin plugin) throws PluginException {
        this(plugin, false);
    }

    /**
     * @param backpressure when the queue is full, make the plugin's thread wait for room (up to
     *                     {@link #BACKPRESSURE_MILLIS}) instead of dropping the event at once
     */
    public AsyncEvents(Plugin plugin, boolean backpressure) throws PluginException {
        this(plugin, backpressure ? BACKPRESSURE_MILLIS : 0);
    }

    /**
     * @param backpressureMillis how long the plugin's thread waits for room in a full queue before
     *                           its event is dropped (0: at once, as libsinsp)
     */
    public AsyncEvents(Plugin plugin, long backpressureMillis) throws PluginException {
        if (!plugin.info().capabilities().contains(Capability.ASYNC)) {
            throw new PluginException(plugin.name() + " has no async events capability");
        }
        this.plugin = plugin;
        this.backpressureMillis = backpressureMillis;
        // Plugin threads stay attached to the JVM as daemons between calls: JNA's default attaches
        // and detaches on every call (about 35 us each); JNA detaches them when they exit.
        Native.setCallbackThreadInitializer(handler,
                new CallbackThreadInitializer(true, false, "scapula-async-" + plugin.name()));
    }

    /** Calls {@code set_async_event_handler}: from now on the plugin may send events from any thread. */
    public void start() throws PluginException {
        int rc = (Integer) plugin.library().require("plugin_set_async_event_handler").invoke(Integer.class,
                new Object[] {plugin.requireState(), plugin.owner(), handler});
        if (rc != 0) {
            throw new PluginCallException(plugin.name(), "plugin_set_async_event_handler", rc, plugin.lastError());
        }
        set = true;
    }

    /** The next queued event (a copy), waiting up to the timeout; null when none came. */
    public byte[] poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** The next queued event without waiting, or null. */
    public byte[] poll() {
        return queue.poll();
    }

    /** Events waiting in the queue now. */
    public int queued() {
        return queue.size();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Events refused for their shape or name. */
    public long refused() {
        return refused.get();
    }

    /**
     * Calls {@code dump_state} and returns the events the plugin sends, in order; they are
     * checked as live ones are.
     */
    public List<byte[]> dumpState() throws PluginException {
        if (!plugin.dumpsState()) {
            throw new PluginException(plugin.name() + " does not export plugin_dump_state");
        }
        List<byte[]> dumped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Handler collect = (owner, evt, err) -> {
            String problem = check(evt);
            if (problem != null) {
                problems.add(problem);
                writeError(err, problem);
                return 1;
            }
            dumped.add(evt.getByteArray(0, evt.getInt(EventHeader.LEN)));
            return 0;
        };
        int rc;
        plugin.callLog().enter(PluginCall.DUMP_STATE, -1);
        try {
            rc = (Integer) plugin.library().require("plugin_dump_state").invoke(Integer.class,
                    new Object[] {plugin.requireState(), plugin.owner(), collect});
        } finally {
            plugin.callLog().exit();
        }
        if (rc != 0) {
            throw new PluginCallException(plugin.name(), "plugin_dump_state", rc,
                    plugin.lastError() + (problems.isEmpty() ? "" : " (host: " + problems.get(0) + ")"));
        }
        return dumped;
    }

    private int onEvent(Pointer owner, Pointer evt, Pointer err) {
        try {
            String problem = check(evt);
            if (problem != null) {
                refused.incrementAndGet();
                writeError(err, problem);
                return 1;
            }
            byte[] copy = evt.getByteArray(0, evt.getInt(EventHeader.LEN));
            boolean queued = backpressureMillis > 0 ? queue.offer(copy, backpressureMillis, TimeUnit.MILLISECONDS)
                    : queue.offer(copy);
            if (!queued) {
                dropped.incrementAndGet();
                writeError(err, "async event queue full (" + QUEUE_CAPACITY + " events)");
                return 1;
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
            return 1;
        } catch (RuntimeException e) {
            refused.incrementAndGet();
            return 1;
        }
    }

    /** Why an event is not a well-formed async event of this plugin, or null. */
    private String check(Pointer evt) {
        if (evt == null) {
            return "NULL event";
        }
        int type = evt.getShort(EventHeader.TYPE) & 0xffff;
        int nparams = evt.getInt(EventHeader.NPARAMS);
        if (type != AsyncEventLayout.TYPE || nparams != AsyncEventLayout.PARAM_COUNT) {
            return "malformed async event: type " + type + " with " + nparams + " parameters (402 with 3 expected)";
        }
        String name = evt.getString(AsyncEventLayout.NAME, StandardCharsets.UTF_8.name());
        if (!plugin.info().asyncEvents().contains(name)) {
            return "incompatible async event '" + name + "' (declared: " + plugin.info().asyncEvents() + ")";
        }
        return null;
    }

    private static void writeError(Pointer err, String message) {
        if (err != null) {
            byte[] b = message.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(b.length, PLUGIN_MAX_ERRLEN - 1);
            err.write(0, b, 0, n);
            err.setByte(n, (byte) 0);
        }
    }

    /** Clears the handler; the plugin stops its threads before the call returns. Idempotent. */
    @Override
    public void close() throws PluginException {
        if (!set) {
            return;
        }
        set = false;
        int rc = (Integer) plugin.library().require("plugin_set_async_event_handler").invoke(Integer.class,
                new Object[] {plugin.requireState(), plugin.owner(), null});
        if (rc != 0) {
            throw new PluginCallException(plugin.name(), "plugin_set_async_event_handler(NULL)", rc,
                    plugin.lastError());
        }
    }

    /** {@code ss_plugin_rc handler(owner, const ss_plugin_event* evt, char* err)}. */
    interface Handler extends Callback {
        int invoke(Pointer owner, Pointer evt, Pointer err);
    }
}

package dev.scapula.plugin.parse;

import dev.scapula.plugin.NativeString;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.call.DirectCalls;
import dev.scapula.plugin.isolate.PluginCall;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.table.TableDispatch;

/**
 * Calls a plugin's {@code parse_event} on events in native memory, so the plugin's state follows
 * the event stream as in Falco.
 *
 * <pre>
 * ss_plugin_event_input (24):        0 evt* | 8 u64 evtnum | 16 const char* evtsrc
 * ss_plugin_event_parse_input (112): 0 owner | 8 get_owner_last_error | 16 inline table reader (32)
 *                                    48 inline table writer (48) | 96 reader_ext* | 104 writer_ext*
 *                                    (the host's table vtables: see TableDispatch)
 * </pre>
 */
public final class Parser {
    private static final int EVENT_INPUT = 24;
    private static final int PARSE_INPUT = 112;

    private final Plugin plugin;
    /** The address of plugin_parse_event. */
    private final long parseEvent;
    private final Memory eventInput = new Memory(EVENT_INPUT);
    private final Memory parseInput = new Memory(PARSE_INPUT);
    /** A view of eventInput: its puts are plain memory writes, not JNI calls, on the per-event path. */
    private final java.nio.ByteBuffer eventInputView = eventInput.getByteBuffer(0, EVENT_INPUT)
            .order(java.nio.ByteOrder.nativeOrder());
    private Memory source;
    private String sourceName;
    private final java.util.Map<String, Memory> sourceTexts = new java.util.HashMap<>();

    public Parser(Plugin plugin) throws PluginException {
        if (!plugin.info().capabilities().contains(Capability.PARSING)) {
            throw new PluginException(plugin.name() + " does not parse events");
        }
        this.plugin = plugin;
        this.parseEvent = DirectCalls.address(plugin.library().require("plugin_parse_event"));
        parseInput.clear();
        parseInput.setPointer(0, plugin.owner());
        parseInput.setPointer(8, plugin.ownerLastErrorFunction());
        TableDispatch tables = plugin.tableRegistry().dispatch();
        tables.copyInlineReader(parseInput.share(16));
        tables.copyInlineWriter(parseInput.share(48));
        parseInput.setPointer(96, tables.readerVtable());
        parseInput.setPointer(104, tables.writerVtable());
    }

    /** Hands one event to the plugin's parser; errors carry the plugin's last error. */
    public void parse(Pointer event, long eventNumber, String eventSource) throws PluginException {
        if (!eventSource.equals(sourceName)) {
            // One native copy per source name: async events ("syscall") alternate with plugin events.
            source = sourceTexts.computeIfAbsent(eventSource, NativeString::of);
            sourceName = eventSource;
        }
        eventInputView.putLong(0, DirectCalls.address(event));
        eventInputView.putLong(8, eventNumber);
        eventInputView.putLong(16, DirectCalls.address(source));
        plugin.callLog().enter(PluginCall.PARSE_EVENT, eventNumber);
        int rc = DirectCalls.call3(parseEvent, DirectCalls.address(plugin.requireState()),
                DirectCalls.address(eventInput), DirectCalls.address(parseInput));
        plugin.callLog().exit();
        if (rc != 0) {
            throw new PluginCallException(plugin.name(), "plugin_parse_event", rc, plugin.lastError());
        }
    }
}

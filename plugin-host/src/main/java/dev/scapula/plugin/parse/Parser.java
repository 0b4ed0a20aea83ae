package dev.scapula.plugin.parse;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.call.DirectCalls;
import dev.scapula.plugin.call.EventInput;
import dev.scapula.plugin.isolate.PluginCall;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.table.TableDispatch;

/**
 * Calls a plugin's {@code parse_event} on events in native memory, so the plugin's state follows
 * the event stream as in Falco.
 *
 * <pre>
 * ss_plugin_event_input:              see EventInput
 * ss_plugin_event_parse_input (112): 0 owner | 8 get_owner_last_error | 16 inline table reader (32)
 *                                    48 inline table writer (48) | 96 reader_ext* | 104 writer_ext*
 *                                    (the host's table vtables: see TableDispatch)
 * </pre>
 */
public final class Parser {
    private static final int PARSE_INPUT = 112;

    private final Plugin plugin;
    /** The address of plugin_parse_event. */
    private final long parseEvent;
    private final EventInput eventInput = new EventInput();
    private final Memory parseInput = new Memory(PARSE_INPUT);

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
        eventInput.set(event, eventNumber, eventSource);
        plugin.callLog().enter(PluginCall.PARSE_EVENT, eventNumber);
        int rc = DirectCalls.call3(parseEvent, DirectCalls.address(plugin.requireState()),
                eventInput.address(), DirectCalls.address(parseInput));
        plugin.callLog().exit();
        if (rc != 0) {
            throw new PluginCallException(plugin.name(), "plugin_parse_event", rc, plugin.lastError());
        }
    }
}

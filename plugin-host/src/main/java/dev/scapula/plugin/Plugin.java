package dev.scapula.plugin;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.isolate.PluginCall;
import dev.scapula.plugin.load.ApiVersion;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.load.PluginLibrary;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.plugin.table.HostTables;
import dev.scapula.plugin.table.PluginTable;
import dev.scapula.plugin.table.TableRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A loaded and initialised Falco plugin: load it with {@link #load}, then {@link #init} it, use
 * it, and {@link #close()} it, which destroys the plugin state and unloads the library once.
 *
 * <pre>
 * ss_plugin_init_input (40 bytes): 0 config char* | 8 owner | 16 get_owner_last_error fn
 *                                  24 tables (for parsers and extractors, as libsinsp) | 32 log_fn
 * </pre>
 */
public final class Plugin implements AutoCloseable {
    private static final int INIT_INPUT_SIZE = 40;
    private static final int CONFIG_OFFSET = 0;
    private static final int OWNER_OFFSET = 8;
    private static final int OWNER_LAST_ERROR_OFFSET = 16;
    private static final int TABLES_OFFSET = 24;
    private static final int LOG_FN_OFFSET = 32;

    private final PluginLibrary library;
    private final PluginInfo info;
    /** Where each call is noted first when this process is an isolated worker. */
    private final CallLog calls;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** Callbacks handed to the plugin: kept reachable for as long as the plugin may call them. */
    private final LogCallback logCallback = (owner, component, message, severity) -> log.add(
            (component == null ? "" : component + ": ") + message);
    private HostTables tables;
    private TableRegistry registry;
    private final OwnerLastError ownerLastError = owner -> tables == null ? null : tables.lastError();
    private final Memory owner = new Memory(8);
    private Memory initInput;
    private Memory config;
    private Pointer state;
    private boolean closed;
    /** The private copy this plugin was loaded from, deleted on close; null when loaded in place. */
    private java.nio.file.Path copy;

    private Plugin(PluginLibrary library, PluginInfo info) {
        this.library = library;
        this.info = info;
        // the version too: diff runs two releases of one plugin side by side
        this.calls = CallLog.forPlugin(info.name() + " " + info.version());
    }

    /** Loads a plugin file, checks its API version against this host's and reads its description. */
    public static Plugin load(Path path) throws PluginException {
        PluginLibrary lib = PluginLibrary.open(path);
        try {
            String required = lib.string("plugin_get_required_api_version");
            ApiVersion version;
            try {
                version = ApiVersion.parse(required);
            } catch (IllegalArgumentException e) {
                throw new PluginException(path + ": invalid required API version: " + e.getMessage());
            }
            String refusal = ApiVersion.HOST.refusal(version);
            if (refusal != null) {
                throw new PluginException(path + ": " + refusal);
            }
            Set<Capability> caps = lib.capabilities();
            if (caps.isEmpty()) {
                throw new PluginException(path + ": exports no capability (sourcing, extraction, parsing, async or "
                        + "capture listening)");
            }
            PluginInfo info = new PluginInfoReader().read(lib, caps);
            if (caps.contains(Capability.SOURCING) && info.id() != null && info.id() != 0
                    && "syscall".equals(info.eventSource())) {
                // libsinsp refuses it too: the syscall source belongs to the kernel drivers.
                throw new PluginException(path + ": a source plugin with ID " + info.id()
                        + " declares the reserved event source \"syscall\"");
            }
            return new Plugin(lib, info);
        } catch (PluginException | RuntimeException e) {
            lib.close();
            throw e;
        }
    }

    /**
     * Loads a plugin from a private copy of its file, so this instance shares no globals with
     * any other ({@code dlopen} of one path twice returns one handle); the copy goes on close.
     */
    public static Plugin loadCopy(Path path) throws PluginException {
        java.nio.file.Path copy;
        try {
            copy = RunTemp.current().file("plugin-", ".so");
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(copy)) {
                java.nio.file.Files.copy(path, out); // into the 0600 file itself: a replacing copy takes the source's mode
            }
        } catch (java.io.IOException e) {
            throw new PluginException(path + ": cannot copy the plugin: " + e.getMessage(), e);
        }
        try {
            Plugin p = load(copy);
            p.copy = copy;
            return p;
        } catch (PluginException | RuntimeException e) {
            copy.toFile().delete();
            throw e;
        }
    }

    public PluginInfo info() {
        return info;
    }

    /** The call log each call to this plugin is noted in first (off unless this process is an isolated worker). */
    public CallLog callLog() {
        return calls;
    }

    /** The loaded library, for the other parts of the plugin host that call it (not for the stages above). */
    public PluginLibrary library() {
        return library;
    }

    /**
     * Whether the plugin exports {@code plugin_dump_state}, so that a capture taken after it started
     * can hold its state (async events it dumps at the start of a file).
     */
    public boolean dumpsState() {
        return library.exports("plugin_dump_state");
    }

    public String name() {
        return info.name();
    }

    /**
     * Initialises the plugin with state tables of its own ({@link #init(String, TableRegistry)}
     * with a new registry): right for a plugin that runs alone.
     */
    public void init(String initConfig) throws PluginException {
        init(initConfig, new TableRegistry());
    }

    /**
     * Checks the init config against the plugin's JSON schema (if it publishes one), then calls
     * {@code plugin_init}; errors carry the schema's complaints or the plugin's last error.
     * Plugins initialised with the same registry share state tables, as in one Falco process:
     * init them in the order Falco would load them (a table's owner before its readers).
     */
    public void init(String initConfig, TableRegistry tableRegistry) throws PluginException {
        if (state != null) {
            throw new IllegalStateException(info.name() + " is already initialised");
        }
        String checked = new InitConfigCheck().check(info.name(), info.initSchema(), initConfig == null ? "" : initConfig);
        config = NativeString.of(checked);
        initInput = new Memory(INIT_INPUT_SIZE);
        initInput.clear();
        initInput.setPointer(CONFIG_OFFSET, config);
        initInput.setPointer(OWNER_OFFSET, owner);
        initInput.setPointer(OWNER_LAST_ERROR_OFFSET, com.sun.jna.CallbackReference.getFunctionPointer(ownerLastError));
        // As libsinsp: the tables API only for plugins that parse or extract.
        Set<Capability> caps = info.capabilities();
        registry = tableRegistry;
        if (caps.contains(Capability.PARSING) || caps.contains(Capability.EXTRACTION)) {
            tables = new HostTables(info.name(), this::lastError, tableRegistry);
            initInput.setPointer(TABLES_OFFSET, tables.input());
        } else {
            initInput.setPointer(TABLES_OFFSET, Pointer.NULL);
        }
        initInput.setPointer(LOG_FN_OFFSET, com.sun.jna.CallbackReference.getFunctionPointer(logCallback));
        Memory rc = new Memory(4);
        rc.setInt(0, ReturnCode.FAILURE.code());
        Pointer s;
        calls.enter(PluginCall.INIT, -1);
        try {
            s = (Pointer) library.require("plugin_init").invoke(Pointer.class, new Object[] {initInput, rc});
        } finally {
            calls.exit();
        }
        int code = rc.getInt(0);
        if (code != ReturnCode.SUCCESS.code() || s == null) {
            String err = s == null ? null : lastError(s);
            if (s != null) {
                library.require("plugin_destroy").invoke(Void.class, new Object[] {s});
            }
            throw new PluginCallException(info.name(), "plugin_init", s == null && code == 0 ? 1 : code, err);
        }
        state = s;
    }

    /** The plugin's own last error text, or null. */
    public String lastError() {
        return state == null ? null : lastError(state);
    }

    private String lastError(Pointer s) {
        try {
            Pointer p = (Pointer) library.require("plugin_get_last_error").invoke(Pointer.class, new Object[] {s});
            return p == null ? null : p.getString(0, "UTF-8");
        } catch (PluginException e) {
            return null;
        }
    }

    /** Calls {@code plugin_set_config} with a new config; false when the plugin does not export it. */
    public boolean setConfig(String newConfig) throws PluginException {
        if (!library.exports("plugin_set_config")) {
            return false;
        }
        Memory text = NativeString.of(newConfig);
        Memory input = new Memory(8);
        input.setPointer(0, text);
        int rc = (Integer) library.require("plugin_set_config").invoke(Integer.class, new Object[] {requireState(), input});
        if (rc != ReturnCode.SUCCESS.code()) {
            throw new PluginCallException(info.name(), "plugin_set_config", rc, lastError());
        }
        return true;
    }

    /**
     * {@code plugin_get_metrics} as name to value (counters and gauges alike, as numbers);
     * empty when the plugin reports none.
     *
     * <pre>
     * ss_plugin_metric (32): 0 const char* name | 8 u32 type | 12 pad | 16 value (8, by value_type)
 *                       24 u32 value_type | 28 pad
     * value types: 0 u32, 1 s32, 2 u64, 3 s64, 4 d, 5 f, 6 int
     * </pre>
     */
    public java.util.Map<String, Number> metrics() throws PluginException {
        java.util.Map<String, Number> out = new java.util.LinkedHashMap<>();
        if (!library.exports("plugin_get_metrics")) {
            return out;
        }
        Memory count = new Memory(4);
        count.setInt(0, 0);
        Pointer array = (Pointer) library.require("plugin_get_metrics").invoke(Pointer.class,
                new Object[] {requireState(), count});
        int n = count.getInt(0);
        for (int i = 0; array != null && i < n; i++) {
            Pointer m = array.share(32L * i);
            Pointer name = m.getPointer(0);
            int valueType = m.getInt(24);
            Number v;
            switch (valueType) {
                case 0:
                    v = m.getInt(16) & 0xffffffffL;
                    break;
                case 1:
                case 6:
                    v = m.getInt(16);
                    break;
                case 4:
                    v = m.getDouble(16);
                    break;
                case 5:
                    v = m.getFloat(16);
                    break;
                default:
                    v = m.getLong(16);
            }
            out.put(name == null ? "metric" + i : name.getString(0, "UTF-8"), v);
        }
        return out;
    }

    /** {@code plugin_event_to_string} for an event in native memory, or null when not exported. */
    public String eventToString(Pointer event, long eventNumber, String source) throws PluginException {
        if (!library.exports("plugin_event_to_string")) {
            return null;
        }
        Memory srcText = NativeString.of(source);
        Memory input = new Memory(24);
        input.setPointer(0, event);
        input.setLong(8, eventNumber);
        input.setPointer(16, srcText);
        Pointer text;
        calls.enter(PluginCall.EVENT_TO_STRING, eventNumber);
        try {
            text = (Pointer) library.require("plugin_event_to_string").invoke(Pointer.class,
                    new Object[] {requireState(), input});
        } finally {
            calls.exit();
        }
        return text == null ? null : text.getString(0, "UTF-8");
    }

    /** Suggested open params ({@code plugin_list_open_params}) as the plugin's JSON, or null. */
    public String openParamSuggestions() throws PluginException {
        if (!library.exports("plugin_list_open_params")) {
            return null;
        }
        Memory rc = new Memory(4);
        Pointer p = (Pointer) library.require("plugin_list_open_params").invoke(Pointer.class,
                new Object[] {requireState(), rc});
        if (rc.getInt(0) != ReturnCode.SUCCESS.code()) {
            throw new PluginCallException(info.name(), "plugin_list_open_params", rc.getInt(0), lastError());
        }
        return p == null ? null : p.getString(0, "UTF-8");
    }

    /** Opens an event stream with these open params (sourcing plugins only). */
    public SourceInstance open(String openParams) throws PluginException {
        if (!info.capabilities().contains(Capability.SOURCING)) {
            throw new PluginException(info.name() + " is not an event source plugin");
        }
        return SourceInstance.open(this, openParams);
    }

    /** The {@code ss_plugin_t*} returned by init; errors if init has not run. */
    public Pointer requireState() {
        if (state == null) {
            throw new IllegalStateException(info.name() + " is not initialised");
        }
        return state;
    }

    /**
     * The event types the plugin extracts from ({@code get_extract_event_types}) or parses
     * ({@code get_parse_event_types}), read after init as API 3.2+ requires; empty when it does
     * not say (then libsinsp assumes 322, or every type for the syscall source).
     */
    public List<Integer> eventTypes(boolean parse) {
        String symbol = parse ? "plugin_get_parse_event_types" : "plugin_get_extract_event_types";
        if (!library.exports(symbol)) {
            return List.of();
        }
        Memory count = new Memory(4);
        count.setInt(0, 0);
        Pointer types;
        try {
            types = (Pointer) library.require(symbol).invoke(Pointer.class, new Object[] {count, requireState()});
        } catch (PluginException e) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; types != null && i < count.getInt(0); i++) {
            out.add(types.getShort(2L * i) & 0xffff);
        }
        return out;
    }

    /** The state tables the plugin registered at init (none if it registered none). */
    public List<PluginTable> tables() {
        return tables == null ? List.of() : tables.tables();
    }

    /** The state tables this plugin shares with the plugins initialised beside it. */
    public TableRegistry tableRegistry() {
        if (registry == null) {
            throw new IllegalStateException(info.name() + " is not initialised");
        }
        return registry;
    }

    /** The owner last error a failed table call left for this plugin, or null. */
    public String ownerLastError() {
        Pointer p = tables == null ? null : tables.lastError();
        return p == null ? null : p.getString(0, "UTF-8");
    }

    /** The {@code get_owner_last_error} function to put in every input struct beside the owner. */
    public Pointer ownerLastErrorFunction() {
        return com.sun.jna.CallbackReference.getFunctionPointer(ownerLastError);
    }

    /** The owner pointer handed to the plugin in every input struct. */
    public Pointer owner() {
        return owner;
    }

    /** Log lines the plugin sent through the log callback. */
    public List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (tables != null) {
                tables.retire();
            }
            if (state != null) {
                calls.enter(PluginCall.DESTROY, -1);
                library.require("plugin_destroy").invoke(Void.class, new Object[] {state});
                calls.exit();
                state = null;
            }
        } catch (PluginException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            library.close();
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    /** {@code void log_fn(owner, const char* component, const char* msg, severity)}. */
    interface LogCallback extends Callback {
        void invoke(Pointer owner, String component, String message, int severity);
    }

    /** {@code const char* get_owner_last_error(owner)}: this host has no owner error to report. */
    interface OwnerLastError extends Callback {
        Pointer invoke(Pointer owner);
    }
}

package dev.scapula.plugin.table;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.NativeString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One plugin's door to a {@link TableRegistry}: the {@code ss_plugin_init_tables_input} handed
 * to it at {@code init} (list, get and add tables, with the host's field, reader and writer
 * vtables), and the plugin's owner last error, which failed table calls set.
 *
 * <pre>
 * ss_plugin_init_tables_input (72): 0 list_tables | 8 get_table | 16 add_table
 *   24 fields (inline: list_table_fields, get_table_field, add_table_field) | 48 fields_ext*
 *   56 reader_ext* | 64 writer_ext*
 * ss_plugin_table_info (16): 0 name* | 8 u32 key_type
 * </pre>
 */
public final class HostTables {
    private static final int TABLES_INPUT = 72;
    private static final int TABLE_INFO = 16;

    private final String plugin;
    private final Supplier<String> pluginLastError;
    private final TableRegistry registry;
    private final Memory input = new Memory(TABLES_INPUT);
    /** One handle per table this plugin asked for, as libsinsp caches one per name per plugin. */
    private final Map<String, Memory> granted = new HashMap<>();
    private Memory tableInfos;
    private List<Memory> tableNames = List.of();
    private volatile Memory lastErrorText;

    // Callbacks handed to native code: referenced here for as long as the plugin may call them.
    private final ListTables listTables = this::listTables;
    private final GetTable getTable = this::getTable;
    private final AddTable addTable = this::addTable;

    /**
     * @param pluginLastError the plugin's own {@code get_last_error}, quoted when another plugin's
     *                        call to one of its tables fails
     */
    public HostTables(String plugin, Supplier<String> pluginLastError, TableRegistry registry) {
        this.plugin = plugin;
        this.pluginLastError = pluginLastError;
        this.registry = registry;
        TableDispatch dispatch = registry.dispatch();
        input.clear();
        input.setPointer(0, CallbackReference.getFunctionPointer(listTables));
        input.setPointer(8, CallbackReference.getFunctionPointer(getTable));
        input.setPointer(16, CallbackReference.getFunctionPointer(addTable));
        dispatch.copyInlineFields(input.share(24));
        input.setPointer(48, dispatch.fieldsVtable());
        input.setPointer(56, dispatch.readerVtable());
        input.setPointer(64, dispatch.writerVtable());
    }

    /** The struct to point {@code ss_plugin_init_input.tables} at. */
    public Pointer input() {
        return input;
    }

    /** Tables this plugin registered, in registration order. */
    public List<PluginTable> tables() {
        return registry.tables().stream()
                .filter(t -> t instanceof PluginTable && t.owner().equals(plugin))
                .map(PluginTable.class::cast).toList();
    }

    /**
     * Withdraws the tables this plugin registered, before it is destroyed: later calls to them
     * from other plugins fail with an error instead of reaching a freed plugin.
     */
    public void retire() {
        registry.removeOwnedBy(plugin);
    }

    /** The error of the last refused call, for {@code get_owner_last_error}; null when none. */
    public Pointer lastError() {
        return lastErrorText;
    }

    /** Sets the owner last error, so the plugin can say why a table call failed. */
    void failWith(String message) {
        lastErrorText = NativeString.of(message == null ? "table call failed" : message);
    }

    private Pointer listTables(Pointer owner, Pointer count) {
        try {
            List<StateTable> all = registry.tables();
            Memory infos = new Memory((long) TABLE_INFO * Math.max(1, all.size()));
            infos.clear();
            List<Memory> names = all.stream().map(t -> NativeString.of(t.name())).toList();
            for (int i = 0; i < all.size(); i++) {
                infos.setPointer((long) TABLE_INFO * i, names.get(i));
                infos.setInt((long) TABLE_INFO * i + 8, all.get(i).keyType());
            }
            // Valid until the next call, as in libsinsp.
            tableInfos = infos;
            tableNames = names;
            count.setInt(0, all.size());
            return tableInfos;
        } catch (RuntimeException e) {
            failWith(plugin + ": list_tables failed: " + e);
            return null;
        }
    }

    private Pointer getTable(Pointer owner, String name, int keyType) {
        StateTable table = name == null ? null : registry.find(name).orElse(null);
        if (table == null) {
            failWith("table " + name + " does not exist (tables: "
                    + String.join(", ", registry.tables().stream().map(StateTable::name).toList()) + ")");
            return null;
        }
        if (table.keyType() != keyType) {
            failWith("table " + name + " has " + StateType.name(table.keyType()) + " keys, not "
                    + StateType.name(keyType));
            return null;
        }
        Memory handle = granted.computeIfAbsent(name, n -> new Memory(1));
        return registry.dispatch().grant(table, this, handle);
    }

    private int addTable(Pointer owner, Pointer in) {
        try {
            if (in == null) {
                failWith(plugin + ": add_table with a NULL table input");
                return 1;
            }
            Memory copy = new Memory(PluginTable.INPUT_SIZE);
            copy.write(0, in.getByteArray(0, PluginTable.INPUT_SIZE), 0, PluginTable.INPUT_SIZE);
            String problem = check(copy);
            if (problem != null) {
                failWith(plugin + ": add_table refused: " + problem);
                return 1;
            }
            PluginTable table = new PluginTable(plugin, pluginLastError, copy);
            if (!registry.add(table)) {
                failWith(plugin + ": add_table refused: a table named " + table.name() + " already exists");
                return 1;
            }
            lastErrorText = null;
            return 0;
        } catch (RuntimeException e) {
            failWith(plugin + ": add_table failed: " + e.getMessage());
            return 1;
        }
    }

    /** What is wrong with a table input, checked as libsinsp checks it, or null. */
    private static String check(Memory in) {
        if (in.getPointer(0) == null) {
            return "the table has no name";
        }
        if (in.getPointer(16) == null) {
            return "the table pointer is NULL";
        }
        if (!StateType.isScalar(in.getInt(8))) {
            return "a table cannot be keyed by " + StateType.name(in.getInt(8));
        }
        Pointer reader = in.getPointer(128);
        Pointer writer = in.getPointer(136);
        Pointer fields = in.getPointer(144);
        if (reader == null || writer == null || fields == null) {
            return "the reader_ext, writer_ext and fields_ext vtables must all be set";
        }
        // Every function present, and each inline copy the same function as its ext twin.
        String[] twins = {"reader", "writer", "fields"};
        long[] inline = {24, 56, 104};
        Pointer[] ext = {reader, writer, fields};
        int[] counts = {4, 6, 3};
        for (int v = 0; v < 3; v++) {
            for (int f = 0; f < counts[v]; f++) {
                Pointer a = in.getPointer(inline[v] + 8L * f);
                Pointer b = ext[v].getPointer(8L * f);
                if (a == null || b == null || !a.equals(b)) {
                    return "broken or inconsistent " + twins[v] + " function " + f + " (inline and ext differ or NULL)";
                }
            }
        }
        if (reader.getPointer(32) == null || reader.getPointer(40) == null) {
            return "reader_ext lacks release_table_entry or iterate_entries";
        }
        return null;
    }

    interface ListTables extends Callback {
        Pointer invoke(Pointer owner, Pointer count);
    }

    interface GetTable extends Callback {
        Pointer invoke(Pointer owner, String name, int keyType);
    }

    interface AddTable extends Callback {
        int invoke(Pointer owner, Pointer input);
    }
}

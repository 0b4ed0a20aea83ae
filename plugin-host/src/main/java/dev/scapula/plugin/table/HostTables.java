package dev.scapula.plugin.table;

import dev.scapula.plugin.NativeString;
import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables side of {@code init}: the {@code ss_plugin_init_tables_input} handed to a plugin
 * that parses or extracts, keeping every table the plugin registers with {@code add_table}.
 * scapula offers no host tables yet, so {@code get_table} answers NULL with an error.
 *
 * <pre>
 * ss_plugin_init_tables_input (72): 0 list_tables | 8 get_table | 16 add_table
 *   24 fields (inline: list_table_fields, get_table_field, add_table_field) | 48 fields_ext*
 *   56 reader_ext* | 64 writer_ext*   (NULL: no host table to read or write)
 * </pre>
 */
public final class HostTables {
    private static final int TABLES_INPUT = 72;
    private static final int STATE_TABLE = 10;

    private final String plugin;
    private final List<PluginTable> tables = new ArrayList<>();
    private final Memory input = new Memory(TABLES_INPUT);
    private final Memory fieldsExt = new Memory(24);
    private Memory tableInfos;
    private final List<Memory> names = new ArrayList<>();
    private String lastError;
    private Memory lastErrorText;

    // Callbacks handed to native code: referenced here for as long as the plugin may call them.
    private final ListTables listTables = this::listTables;
    private final GetTable getTable = this::getTable;
    private final AddTable addTable = this::addTable;
    private final ListFields listFields = (t, n) -> null;
    private final GetField getField = (t, name, type) -> null;

    public HostTables(String plugin) {
        this.plugin = plugin;
        input.clear();
        input.setPointer(0, CallbackReference.getFunctionPointer(listTables));
        input.setPointer(8, CallbackReference.getFunctionPointer(getTable));
        input.setPointer(16, CallbackReference.getFunctionPointer(addTable));
        Pointer list = CallbackReference.getFunctionPointer(listFields);
        Pointer get = CallbackReference.getFunctionPointer(getField);
        // Host tables do not exist yet, so no handle reaches these: they answer NULL.
        for (Pointer vtable : new Pointer[] {input.share(24), fieldsExt}) {
            vtable.setPointer(0, list);
            vtable.setPointer(8, get);
            vtable.setPointer(16, get);
        }
        input.setPointer(48, fieldsExt);
    }

    /** The struct to point {@code ss_plugin_init_input.tables} at. */
    public Pointer input() {
        return input;
    }

    /** Tables the plugin registered, in registration order. */
    public List<PluginTable> tables() {
        return List.copyOf(tables);
    }

    /** The error of the last refused call, for {@code get_owner_last_error}; null when none. */
    public Pointer lastError() {
        return lastError == null ? null : lastErrorText;
    }

    private void fail(String message) {
        lastError = message;
        lastErrorText = NativeString.of(message);
    }

    private Pointer listTables(Pointer owner, Pointer count) {
        tableInfos = new Memory(16L * Math.max(1, tables.size()));
        tableInfos.clear();
        names.clear();
        for (int i = 0; i < tables.size(); i++) {
            Memory n = NativeString.of(tables.get(i).name());
            names.add(n);
            tableInfos.setPointer(16L * i, n);
            tableInfos.setInt(16L * i + 8, tables.get(i).keyType());
        }
        count.setInt(0, tables.size());
        return tableInfos;
    }

    private Pointer getTable(Pointer owner, String name, int keyType) {
        fail("table " + name + " is not offered: scapula has no host tables, and reading another plugin's "
                + "table is not supported yet");
        return null;
    }

    private int addTable(Pointer owner, Pointer in) {
        try {
            if (in == null) {
                fail("add_table with a NULL table input");
                return 1;
            }
            Memory copy = new Memory(PluginTable.INPUT_SIZE);
            copy.write(0, in.getByteArray(0, PluginTable.INPUT_SIZE), 0, PluginTable.INPUT_SIZE);
            String problem = check(copy);
            if (problem != null) {
                fail(plugin + ": add_table refused: " + problem);
                return 1;
            }
            PluginTable table = new PluginTable(plugin, copy);
            if (tables.stream().anyMatch(t -> t.name().equals(table.name()))) {
                fail(plugin + ": add_table refused: a table named " + table.name() + " already exists");
                return 1;
            }
            tables.add(table);
            lastError = null;
            return 0;
        } catch (RuntimeException e) {
            fail(plugin + ": add_table failed: " + e.getMessage());
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
        if (in.getInt(8) == STATE_TABLE) {
            return "a table cannot be keyed by a table";
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

    interface ListFields extends Callback {
        Pointer invoke(Pointer table, Pointer count);
    }

    interface GetField extends Callback {
        Pointer invoke(Pointer table, String name, int type);
    }
}

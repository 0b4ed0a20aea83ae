package dev.scapula.plugin.table;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's table vtables, handed to plugins in the init, parse, extract and capture-listen
 * inputs: each call arrives with a table handle that this class gave out from
 * {@code get_table}, and goes to that table, whoever owns it. A failure is charged to the plugin
 * that holds the handle, for its {@code get_owner_last_error}.
 *
 * <pre>
 * fields vtable (24):  0 list_table_fields | 8 get_table_field | 16 add_table_field
 * reader vtable (48):  0 get_table_name | 8 get_table_size | 16 get_table_entry | 24 read_entry_field
 *                      32 release_table_entry | 40 iterate_entries   (the inline copy is the first 32)
 * writer vtable (48):  0 clear_table | 8 erase_table_entry | 16 create_table_entry
 *                      24 destroy_table_entry | 32 add_table_entry | 40 write_entry_field
 * </pre>
 */
public final class TableDispatch {
    /** A handle given to one plugin for one table. */
    private record Access(StateTable table, HostTables caller) {
    }

    private final Map<Long, Access> handles = new ConcurrentHashMap<>();
    private final Memory fields = new Memory(24);
    private final Memory reader = new Memory(48);
    private final Memory writer = new Memory(48);

    // Callbacks handed to native code: referenced here for as long as any plugin may call them.
    private final PointerOfCount listFields = (t, n) -> call(t, null, a -> a.table().listFields(n));
    private final PointerOfName getField = (t, name, type) -> call(t, null, a -> a.table().getField(name, type));
    private final PointerOfName addField = (t, name, type) -> call(t, null, a -> a.table().addField(name, type));
    private final PointerOfTable getName = t -> call(t, null, a -> a.table().nameText());
    private final SizeOfTable size = this::size;
    private final PointerOfKey getEntry = (t, key) -> call(t, null, a -> a.table().getEntry(key));
    private final RcOfField read = (t, e, f, v) -> rc(t, a -> a.table().readField(e, f, v));
    private final VoidOfEntry release = (t, e) -> run(t, a -> a.table().releaseEntry(e));
    private final RcOfIterator iterate = (t, it, s) -> {
        Integer done = call(t, 0, a -> a.table().iterate(it, s));
        return done == null ? 0 : done;
    };
    private final RcOfTable clear = t -> rc(t, a -> a.table().clear());
    private final RcOfKey erase = (t, key) -> rc(t, a -> a.table().erase(key));
    private final PointerOfTable create = t -> call(t, null, a -> a.table().createEntry());
    private final VoidOfEntry destroy = (t, e) -> run(t, a -> a.table().destroyEntry(e));
    private final PointerOfKeyEntry add = (t, key, e) -> call(t, null, a -> a.table().addEntry(key, e));
    private final RcOfField write = (t, e, f, v) -> rc(t, a -> a.table().writeField(e, f, v));

    TableDispatch() {
        set(fields, listFields, getField, addField);
        set(reader, getName, size, getEntry, read, release, iterate);
        set(writer, clear, erase, create, destroy, add, write);
    }

    private static void set(Memory vtable, Callback... functions) {
        for (int i = 0; i < functions.length; i++) {
            vtable.setPointer(8L * i, CallbackReference.getFunctionPointer(functions[i]));
        }
    }

    /** The fields vtable, for {@code ss_plugin_init_tables_input}. */
    public Pointer fieldsVtable() {
        return fields;
    }

    /** The reader vtable; its first four functions are also the inline (deprecated) reader. */
    public Pointer readerVtable() {
        return reader;
    }

    /** The writer vtable, the same as the inline writer. */
    public Pointer writerVtable() {
        return writer;
    }

    /** Copies the inline reader (4 functions) to {@code at}. */
    public void copyInlineReader(Pointer at) {
        at.write(0, reader.getByteArray(0, 32), 0, 32);
    }

    /** Copies the inline writer (6 functions) to {@code at}. */
    public void copyInlineWriter(Pointer at) {
        at.write(0, writer.getByteArray(0, 48), 0, 48);
    }

    /** Copies the inline fields vtable (3 functions) to {@code at}. */
    void copyInlineFields(Pointer at) {
        at.write(0, fields.getByteArray(0, 24), 0, 24);
    }

    /** A handle for one plugin's access to one table; the memory is only an address, never read. */
    Pointer grant(StateTable table, HostTables caller, Memory handle) {
        handles.put(Pointer.nativeValue(handle), new Access(table, caller));
        return handle;
    }

    private interface Call<T> {
        T on(Access access);
    }

    private <T> T call(Pointer t, T onError, Call<T> call) {
        Access a = t == null ? null : handles.get(Pointer.nativeValue(t));
        if (a == null) {
            return onError; // not a handle we gave out: nobody to charge the error to
        }
        try {
            T result = call.on(a);
            if (result == null && onError == null && a.table().lastError() != null) {
                a.caller().failWith(a.table().lastError());
            }
            return result;
        } catch (RuntimeException e) {
            a.caller().failWith(a.table().name() + ": " + e);
            return onError;
        }
    }

    private void run(Pointer t, java.util.function.Consumer<Access> op) {
        Access a = t == null ? null : handles.get(Pointer.nativeValue(t));
        if (a == null) {
            return;
        }
        try {
            op.accept(a);
        } catch (RuntimeException e) {
            a.caller().failWith(a.table().name() + ": " + e);
        }
    }

    private int rc(Pointer t, Call<Integer> call) {
        Integer rc = call(t, 1, call);
        if (rc == null || rc != 0) {
            Access a = t == null ? null : handles.get(Pointer.nativeValue(t));
            if (a != null && a.table().lastError() != null) {
                a.caller().failWith(a.table().lastError()); // else call() already said why (an exception)
            }
            return 1;
        }
        return 0;
    }

    private long size(Pointer t) {
        Long n = call(t, -1L, a -> a.table().size());
        if (n == null || n == -1L) {
            Access a = t == null ? null : handles.get(Pointer.nativeValue(t));
            if (a != null && a.table().lastError() != null) {
                a.caller().failWith(a.table().lastError());
            }
            return -1L;
        }
        return n;
    }

    interface PointerOfCount extends Callback {
        Pointer invoke(Pointer table, Pointer count);
    }

    interface PointerOfName extends Callback {
        Pointer invoke(Pointer table, String name, int type);
    }

    interface PointerOfTable extends Callback {
        Pointer invoke(Pointer table);
    }

    interface SizeOfTable extends Callback {
        long invoke(Pointer table);
    }

    interface PointerOfKey extends Callback {
        Pointer invoke(Pointer table, Pointer key);
    }

    interface PointerOfKeyEntry extends Callback {
        Pointer invoke(Pointer table, Pointer key, Pointer entry);
    }

    interface RcOfField extends Callback {
        int invoke(Pointer table, Pointer entry, Pointer field, Pointer value);
    }

    interface VoidOfEntry extends Callback {
        void invoke(Pointer table, Pointer entry);
    }

    interface RcOfIterator extends Callback {
        int invoke(Pointer table, Pointer iterator, Pointer state);
    }

    interface RcOfTable extends Callback {
        int invoke(Pointer table);
    }

    interface RcOfKey extends Callback {
        int invoke(Pointer table, Pointer key);
    }
}

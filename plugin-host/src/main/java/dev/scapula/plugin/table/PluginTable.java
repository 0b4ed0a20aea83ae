package dev.scapula.plugin.table;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.call.DirectCalls;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.isolate.PluginCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A table a plugin registered with {@code add_table}, reached through the plugin's own functions:
 * by the host to digest it after any event, and by other plugins through the host's vtables.
 *
 * <pre>
 * ss_plugin_table_input (152), copied at add_table:
 *   0 name* | 8 u32 key_type | 16 table* | 24 reader (inline, 4 fns) | 56 writer (inline, 6 fns)
 *   104 fields (inline, 3 fns) | 128 reader_ext* | 136 writer_ext* | 144 fields_ext*
 * reader_ext: 0 get_table_name | 8 get_table_size | 16 get_table_entry | 24 read_entry_field
 *             32 release_table_entry | 40 iterate_entries
 * writer_ext: 0 clear_table | 8 erase_table_entry | 16 create_table_entry | 24 destroy_table_entry
 *             32 add_table_entry | 40 write_entry_field
 * fields_ext: 0 list_table_fields | 8 get_table_field | 16 add_table_field
 * ss_plugin_table_fieldinfo (16): 0 name* | 8 u32 field_type | 12 u32 read_only
 * </pre>
 */
public final class PluginTable implements StateTable {
    static final int INPUT_SIZE = 152;
    private static final long READER_EXT = 128;
    private static final long WRITER_EXT = 136;
    private static final long FIELDS_EXT = 144;

    private final String owner;
    private final Supplier<String> ownerLastError;
    private final String name;
    private final int keyType;
    private final Pointer table;
    /** The copied input: its function pointers are what every call goes to. */
    private final Memory input;
    private final Function getName;
    private final Function size;
    private final Function getEntry;
    private final Function readField;
    private final Function release;
    private final Function iterate;
    private final Function clear;
    private final Function erase;
    private final Function create;
    private final Function destroy;
    private final Function add;
    private final Function writeField;
    private final Function listFields;
    private final Function getField;
    private final Function addField;
    private volatile String lastError;
    /** Field handles by name: a plugin's handles stay valid for the table's life. */
    private final Map<String, Pointer> fieldHandles = new java.util.HashMap<>();
    /** One iterator callback for every snapshot: a new JNA callback per call costs microseconds. */
    private final Iterator visitor = this::visit;
    private final Memory value = new Memory(8);
    private final long readFieldAddress;
    // The snapshot in progress (entries() is synchronized).
    private List<String> visitNames;
    private List<Integer> visitTypes;
    private List<Pointer> visitHandles;
    private List<Map<String, Object>> visitRows;
    private PluginException visitFailure;
    /** Set when the owning plugin is destroyed: its functions must not be called again. */
    private volatile boolean retired;
    /** Where a snapshot is noted first when this process is an isolated worker. */
    private final CallLog calls;
    /** Digests through the plugin's functions in one native call (digest() is synchronized). */
    private final NativeDigest digester;

    PluginTable(String owner, Supplier<String> ownerLastError, Memory input) {
        this.owner = owner;
        this.calls = CallLog.forPlugin(owner);
        this.ownerLastError = ownerLastError;
        this.input = input;
        this.name = input.getPointer(0).getString(0, StandardCharsets.UTF_8.name());
        this.keyType = input.getInt(8);
        this.table = input.getPointer(16);
        Pointer reader = input.getPointer(READER_EXT);
        Pointer writer = input.getPointer(WRITER_EXT);
        Pointer fields = input.getPointer(FIELDS_EXT);
        this.getName = fn(reader, 0);
        this.size = fn(reader, 1);
        this.getEntry = fn(reader, 2);
        this.readField = fn(reader, 3);
        this.readFieldAddress = Pointer.nativeValue(reader.getPointer(24));
        this.release = fn(reader, 4);
        this.iterate = fn(reader, 5);
        this.clear = fn(writer, 0);
        this.erase = fn(writer, 1);
        this.create = fn(writer, 2);
        this.destroy = fn(writer, 3);
        this.add = fn(writer, 4);
        this.writeField = fn(writer, 5);
        this.listFields = fn(fields, 0);
        this.getField = fn(fields, 1);
        this.addField = fn(fields, 2);
        this.digester = new NativeDigest(table, fields, reader);
    }

    /** Marks the table unusable because its owner is going away; true (for removeIf). */
    boolean retire() {
        retired = true;
        return true;
    }

    private boolean gone(String call) {
        if (retired) {
            lastError = owner + ": " + call + "(" + name + "): the plugin that owns the table was destroyed";
        }
        return retired;
    }

    private static Function fn(Pointer vtable, int index) {
        return Function.getFunction(vtable.getPointer(8L * index));
    }

    @Override
    public String name() {
        return name;
    }

    /** The plugin that registered the table. */
    @Override
    public String owner() {
        return owner;
    }

    @Override
    public int keyType() {
        return keyType;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    /** Records the owner's own last error after a failed call, as libsinsp does. */
    private void failed(String call) {
        String why = ownerLastError.get();
        lastError = owner + ": " + call + "(" + name + ") failed" + (why == null || why.isEmpty() ? "" : ": " + why);
    }

    private Pointer pointerCall(String call, Function f, Object... args) {
        if (gone(call)) {
            return null;
        }
        Pointer p = (Pointer) f.invoke(Pointer.class, args);
        if (p == null) {
            failed(call);
        }
        return p;
    }

    private int rcCall(String call, Function f, Object... args) {
        if (gone(call)) {
            return 1;
        }
        int rc = (Integer) f.invoke(Integer.class, args);
        if (rc != 0) {
            failed(call);
        }
        return rc;
    }

    @Override
    public Pointer nameText() {
        return pointerCall("get_table_name", getName, table);
    }

    @Override
    public Pointer listFields(Pointer count) {
        return pointerCall("list_table_fields", listFields, table, count);
    }

    @Override
    public Pointer getField(String field, int type) {
        return pointerCall("get_table_field", getField, table, field, type);
    }

    @Override
    public Pointer addField(String field, int type) {
        return pointerCall("add_table_field", addField, table, field, type);
    }

    /** {@code get_table_size}, or -1 with {@link #lastError()} set when the plugin reports an error. */
    @Override
    public long size() {
        if (gone("get_table_size")) {
            return -1L;
        }
        long n = (Long) size.invoke(Long.class, new Object[] {table});
        if (n == -1L) {
            failed("get_table_size");
        }
        return n;
    }

    @Override
    public Pointer getEntry(Pointer key) {
        return pointerCall("get_table_entry", getEntry, table, key);
    }

    @Override
    public int readField(Pointer entry, Pointer field, Pointer out) {
        return rcCall("read_entry_field", readField, table, entry, field, out);
    }

    @Override
    public void releaseEntry(Pointer entry) {
        if (gone("release_table_entry")) {
            return;
        }
        release.invoke(Void.class, new Object[] {table, entry});
    }

    @Override
    public int iterate(Pointer iterator, Pointer state) {
        if (gone("iterate_entries")) {
            return 0;
        }
        return (Integer) iterate.invoke(Integer.class, new Object[] {table, iterator, state});
    }

    @Override
    public int clear() {
        return rcCall("clear_table", clear, table);
    }

    @Override
    public int erase(Pointer key) {
        return rcCall("erase_table_entry", erase, table, key);
    }

    @Override
    public Pointer createEntry() {
        return pointerCall("create_table_entry", create, table);
    }

    @Override
    public void destroyEntry(Pointer entry) {
        if (gone("destroy_table_entry")) {
            return;
        }
        destroy.invoke(Void.class, new Object[] {table, entry});
    }

    @Override
    public Pointer addEntry(Pointer key, Pointer entry) {
        return pointerCall("add_table_entry", add, table, key, entry);
    }

    @Override
    public int writeField(Pointer entry, Pointer field, Pointer in) {
        return rcCall("write_entry_field", writeField, table, entry, field, in);
    }

    @Override
    public Map<String, Integer> fields() {
        if (gone("list_table_fields")) {
            return Map.of();
        }
        Memory count = new Memory(4);
        count.setInt(0, 0);
        Pointer infos = (Pointer) listFields.invoke(Pointer.class, new Object[] {table, count});
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; infos != null && i < count.getInt(0); i++) {
            Pointer info = infos.share(16L * i);
            out.put(info.getPointer(0).getString(0, StandardCharsets.UTF_8.name()), info.getInt(8));
        }
        return out;
    }

    @Override
    public synchronized List<Map<String, Object>> entries() throws PluginException {
        calls.enter(PluginCall.TABLE_READ, -1);
        try {
            return snapshot();
        } finally {
            calls.exit();
        }
    }

    /**
     * The {@link TableDigest} of the table, computed through the plugin's own functions in one
     * native call: no snapshot, no callback into Java per entry.
     */
    @Override
    public synchronized String digest() throws PluginException {
        calls.enter(PluginCall.TABLE_READ, -1);
        try {
            if (gone("iterate_entries")) {
                throw new PluginException(lastError);
            }
            int status = digester.run();
            if (status != NativeDigest.OK) {
                throw digestFailure(status, digester.failedField());
            }
            return digester.digest();
        } finally {
            calls.exit();
        }
    }

    /** Why a native digest failed, in the words a snapshot's failure uses. */
    private PluginException digestFailure(int status, int fieldIndex) {
        List<String> listed = new ArrayList<>(fields().keySet());
        String field = fieldIndex < listed.size() ? listed.get(fieldIndex) : "field #" + fieldIndex;
        switch (status) {
            case NativeDigest.NO_FIELD:
                return new PluginException(owner + ": get_table_field(" + name + ", " + field + ") returned NULL");
            case NativeDigest.READ_FAILED:
                return new PluginException(owner + ": read_entry_field(" + name + ", " + field + ") failed");
            case NativeDigest.STOPPED:
                return new PluginException(owner + ": iterate_entries(" + name + ") stopped early");
            default:
                return new PluginException(owner + ": digesting table " + name + ": out of native memory for "
                        + listed.size() + " fields");
        }
    }

    private List<Map<String, Object>> snapshot() throws PluginException {
        if (gone("iterate_entries")) {
            throw new PluginException(lastError);
        }
        Map<String, Integer> fields = fields();
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Pointer> handles = new ArrayList<>();
        for (Map.Entry<String, Integer> f : fields.entrySet()) {
            if (!StateType.isScalar(f.getValue())) {
                continue; // subtables are snapshotted by their own contents, not followed here
            }
            Pointer h = fieldHandles.get(f.getKey());
            if (h == null) {
                h = (Pointer) getField.invoke(Pointer.class, new Object[] {table, f.getKey(), f.getValue()});
                if (h == null) {
                    throw new PluginException(owner + ": get_table_field(" + name + ", " + f.getKey()
                            + ") returned NULL");
                }
                fieldHandles.put(f.getKey(), h);
            }
            names.add(f.getKey());
            types.add(f.getValue());
            handles.add(h);
        }
        visitNames = names;
        visitTypes = types;
        visitHandles = handles;
        visitRows = new ArrayList<>();
        visitFailure = null;
        int complete = (Integer) iterate.invoke(Integer.class, new Object[] {table, visitor, Pointer.NULL});
        List<Map<String, Object>> out = visitRows;
        visitRows = null;
        if (visitFailure != null) {
            throw visitFailure;
        }
        if (complete == 0) {
            throw new PluginException(owner + ": iterate_entries(" + name + ") stopped early");
        }
        return out;
    }

    /** One entry seen by iterate_entries: reads its fields into a row. */
    private int visit(Pointer state, Pointer entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < visitHandles.size(); i++) {
            value.setLong(0, 0);
            int rc = DirectCalls.call4(readFieldAddress, DirectCalls.address(table), DirectCalls.address(entry),
                    DirectCalls.address(visitHandles.get(i)), DirectCalls.address(value));
            if (rc != 0) {
                visitFailure = new PluginException(owner + ": read_entry_field(" + name + ", " + visitNames.get(i)
                        + ") failed");
                return 0;
            }
            row.put(visitNames.get(i), StateType.read(visitTypes.get(i), value));
        }
        visitRows.add(row);
        return 1;
    }

    /** {@code ss_plugin_bool it(ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t* e)}. */
    interface Iterator extends Callback {
        int invoke(Pointer state, Pointer entry);
    }
}

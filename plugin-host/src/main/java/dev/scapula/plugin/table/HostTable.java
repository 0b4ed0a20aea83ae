package dev.scapula.plugin.table;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.NativeString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table the host owns and offers to plugins (as libsinsp offers {@code threads}): plugins find
 * it with {@code get_table}, add dynamic fields, and read, write, add and erase entries through
 * the host's vtables. Its contents are part of the state that {@code verify} compares.
 *
 * <p>Handles handed to plugins are small integers, never addresses: field handles are the
 * field's index + 1, entry handles a sequence number that is never reused, so a stale entry
 * handle is an error and not a read of freed memory.
 */
public final class HostTable implements StateTable {
    private static final int FIELD_INFO = 16;

    /** A field: static ones are declared with the table, dynamic ones added by plugins. */
    public record Field(String name, int type, boolean readOnly, Object initial) {
        /** A field that starts at 0, "" or false. */
        public Field(String name, int type, boolean readOnly) {
            this(name, type, readOnly, StateType.zero(type));
        }
    }

    private final String name;
    private final int keyType;
    /** The static field that mirrors the key (libsinsp's threads: tid), or null. */
    private final String keyField;
    private final List<Field> fields = new ArrayList<>();
    private final Map<Object, Row> rows = new LinkedHashMap<>();
    private final Map<Long, Row> byHandle = new HashMap<>();
    private final Memory nameText;
    /** Field names handed out, never freed: a plugin may keep the pointers list_table_fields gave it. */
    private final Map<String, Memory> fieldNames = new HashMap<>();
    private Memory fieldInfos;
    /**
     * Native strings and arrays the table no longer uses but a plugin may still read in the call
     * that replaced them: kept for the last {@link #RETIRED} replacements, then freed.
     */
    private final java.util.ArrayDeque<Memory> retired = new java.util.ArrayDeque<>();
    static final int RETIRED = 4096;
    private long nextHandle = 1;
    private String lastError;
    /**
     * Changes to the fields or the entries so far: verify digests every table after every event,
     * and most events leave a host table alone, so a digest is recomputed only after a change.
     */
    private volatile long changes;
    /** The last digest with the change count it is of: read without the lock, see {@link #digest()}. */
    private volatile Digested digested;

    private record Digested(long at, String digest) {
    }

    /** One entry: its values by field index, and the native copies of its strings. */
    private static final class Row {
        final long handle;
        Object key;
        boolean attached;
        final List<Object> values = new ArrayList<>();
        final Map<Integer, Memory> strings = new HashMap<>();

        Row(long handle) {
            this.handle = handle;
        }
    }

    /**
     * @param keyField a static field set to the key when an entry is added, or null
     */
    public HostTable(String name, int keyType, List<Field> staticFields, String keyField) {
        this.name = name;
        this.keyType = keyType;
        this.keyField = keyField;
        this.nameText = NativeString.of(name);
        fields.addAll(staticFields);
        rebuildFieldInfos();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int keyType() {
        return keyType;
    }

    @Override
    public String owner() {
        return "scapula";
    }

    @Override
    public synchronized String lastError() {
        return lastError;
    }

    private Pointer fail(String why) {
        lastError = name + ": " + why;
        return null;
    }

    private int failCode(String why) {
        fail(why);
        return 1;
    }

    private void rebuildFieldInfos() {
        // The previous array stays referenced by nothing once replaced: list_table_fields results
        // are only valid until the next call, as in libsinsp.
        if (fieldInfos != null) {
            retire(fieldInfos);
        }
        fieldInfos = new Memory((long) FIELD_INFO * Math.max(1, fields.size()));
        fieldInfos.clear();
        for (int i = 0; i < fields.size(); i++) {
            Memory n = fieldNames.computeIfAbsent(fields.get(i).name(), NativeString::of);
            fieldInfos.setPointer((long) FIELD_INFO * i, n);
            fieldInfos.setInt((long) FIELD_INFO * i + 8, fields.get(i).type());
            fieldInfos.setInt((long) FIELD_INFO * i + 12, fields.get(i).readOnly() ? 1 : 0);
        }
    }

    @Override
    public Pointer nameText() {
        return nameText;
    }

    @Override
    public synchronized Pointer listFields(Pointer count) {
        count.setInt(0, fields.size());
        return fieldInfos;
    }

    private int fieldIndex(String field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized Pointer getField(String field, int type) {
        int i = fieldIndex(field);
        if (i < 0) {
            return fail("no field named " + field);
        }
        if (fields.get(i).type() != type) {
            return fail("field " + field + " is " + StateType.name(fields.get(i).type()) + ", not "
                    + StateType.name(type));
        }
        return new Pointer(i + 1);
    }

    @Override
    public synchronized Pointer addField(String field, int type) {
        if (field == null || field.isEmpty()) {
            return fail("a field needs a name");
        }
        if (!StateType.isScalar(type)) {
            return fail("dynamic fields of type " + StateType.name(type) + " are not supported");
        }
        int i = fieldIndex(field);
        if (i >= 0) {
            return fields.get(i).type() == type ? new Pointer(i + 1)
                    : fail("field " + field + " already exists as " + StateType.name(fields.get(i).type()));
        }
        fields.add(new Field(field, type, false));
        changes++;
        rebuildFieldInfos();
        for (Row r : byHandle.values()) {
            r.values.add(StateType.zero(type));
        }
        return new Pointer(fields.size());
    }

    @Override
    public synchronized long size() {
        return rows.size();
    }

    private Object key(Pointer key) {
        return key == null ? null : StateType.read(keyType, key);
    }

    @Override
    public synchronized Pointer getEntry(Pointer key) {
        Row r = rows.get(key(key));
        return r == null ? fail("no element at given key " + key(key)) : new Pointer(r.handle);
    }

    private Row row(Pointer entry) {
        Row r = entry == null ? null : byHandle.get(Pointer.nativeValue(entry));
        if (r == null) {
            fail("unknown or released entry " + (entry == null ? 0 : Pointer.nativeValue(entry)));
        }
        return r;
    }

    private int field(Pointer handle) {
        long i = handle == null ? 0 : Pointer.nativeValue(handle);
        if (i < 1 || i > fields.size()) {
            fail("unknown field handle " + i);
            return -1;
        }
        return (int) i - 1;
    }

    @Override
    public synchronized int readField(Pointer entry, Pointer field, Pointer out) {
        Row r = row(entry);
        int f = field(field);
        if (r == null || f < 0) {
            return 1;
        }
        out.setLong(0, 0);
        int type = fields.get(f).type();
        Object v = r.values.get(f);
        switch (type) {
            case StateType.STRING:
                out.setPointer(0, r.strings.computeIfAbsent(f, k -> NativeString.of((String) v)));
                break;
            case StateType.BOOL:
                out.setInt(0, (Boolean) v ? 1 : 0);
                break;
            case StateType.INT8:
            case StateType.UINT8:
                out.setByte(0, (byte) (long) (Long) v);
                break;
            case StateType.INT16:
            case StateType.UINT16:
                out.setShort(0, (short) (long) (Long) v);
                break;
            case StateType.INT32:
            case StateType.UINT32:
                out.setInt(0, (int) (long) (Long) v);
                break;
            default:
                out.setLong(0, (Long) v);
        }
        return 0;
    }

    @Override
    public void releaseEntry(Pointer entry) {
        // References are not counted: an entry handle stays valid until the entry is erased.
    }

    @Override
    public int iterate(Pointer iterator, Pointer state) {
        List<Long> handles;
        synchronized (this) {
            handles = rows.values().stream().map(r -> r.handle).toList();
        }
        Function it = Function.getFunction(iterator);
        for (long h : handles) {
            // Called without the lock: the iterator may read this table.
            if ((Integer) it.invoke(Integer.class, new Object[] {state, new Pointer(h)}) == 0) {
                return 0;
            }
        }
        return 1;
    }

    /** Keeps native memory alive a while after the table dropped it (see {@link #retired}). */
    private void retire(Memory m) {
        retired.addLast(m);
        if (retired.size() > RETIRED) {
            retired.removeFirst();
        }
    }

    private void drop(Row r) {
        byHandle.remove(r.handle);
        r.strings.values().forEach(this::retire);
    }

    @Override
    public synchronized int clear() {
        rows.values().forEach(this::drop);
        rows.clear();
        changes++;
        return 0;
    }

    @Override
    public synchronized int erase(Pointer key) {
        Row r = rows.remove(key(key));
        if (r == null) {
            return failCode("table entry not found: " + key(key));
        }
        drop(r);
        changes++;
        return 0;
    }

    @Override
    public synchronized Pointer createEntry() {
        Row r = new Row(nextHandle++);
        for (Field f : fields) {
            r.values.add(f.initial());
        }
        byHandle.put(r.handle, r);
        return new Pointer(r.handle);
    }

    @Override
    public synchronized void destroyEntry(Pointer entry) {
        Row r = row(entry);
        if (r != null && !r.attached) {
            drop(r);
        }
    }

    @Override
    public synchronized Pointer addEntry(Pointer key, Pointer entry) {
        Row r = row(entry);
        if (r == null) {
            return null;
        }
        if (r.attached) {
            return fail("entry " + r.handle + " is already in the table: add_table_entry takes a created entry");
        }
        Object k = key(key);
        if (k == null) {
            return fail("add_table_entry with a NULL key");
        }
        Row old = rows.remove(k);
        if (old != null) {
            drop(old);
        }
        r.key = k;
        r.attached = true;
        int kf = keyField == null ? -1 : fieldIndex(keyField);
        if (kf >= 0) {
            r.values.set(kf, k);
        }
        rows.put(k, r);
        changes++;
        return new Pointer(r.handle);
    }

    @Override
    public synchronized int writeField(Pointer entry, Pointer field, Pointer in) {
        Row r = row(entry);
        int f = field(field);
        if (r == null || f < 0) {
            return 1;
        }
        if (fields.get(f).readOnly()) {
            return failCode("field " + fields.get(f).name() + " is read-only");
        }
        if (in == null) {
            return failCode("write_entry_field with a NULL value");
        }
        Object v = StateType.read(fields.get(f).type(), in);
        r.values.set(f, v);
        changes++;
        if (fields.get(f).type() == StateType.STRING) {
            Memory before = r.strings.remove(f);
            if (before != null) {
                retire(before);
            }
        }
        return 0;
    }

    @Override
    public synchronized Map<String, Integer> fields() {
        Map<String, Integer> out = new LinkedHashMap<>();
        fields.forEach(f -> out.put(f.name(), f.type()));
        return out;
    }

    @Override
    public synchronized List<Map<String, Object>> entries() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                row.put(fields.get(i).name(), r.values.get(i));
            }
            out.add(row);
        }
        return out;
    }

    /** The {@link TableDigest} of the table, recomputed only when the table changed since the last one. */
    @Override
    public String digest() {
        // verify asks after every event: while nothing changed, the answer needs no lock (changes
        // are counted under it, after the change is made).
        Digested d = digested;
        if (d != null && d.at() == changes) {
            return d.digest();
        }
        synchronized (this) {
            d = digested;
            if (d == null || d.at() != changes) {
                d = new Digested(changes, TableDigest.of(fields(), entries()));
                digested = d;
            }
            return d.digest();
        }
    }
}

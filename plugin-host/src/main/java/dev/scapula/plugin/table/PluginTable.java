package dev.scapula.plugin.table;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.PluginException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table a plugin registered with {@code add_table}, read through the plugin's own functions so
 * the host can snapshot it after any event: its fields, every entry, and a digest of them all.
 *
 * <pre>
 * ss_plugin_table_input (152), copied at add_table:
 *   0 name* | 8 u32 key_type | 16 table* | 24 reader (inline, 4 fns) | 56 writer (inline, 6 fns)
 *   104 fields (inline, 3 fns) | 128 reader_ext* | 136 writer_ext* | 144 fields_ext*
 * reader_ext: 0 get_table_name | 8 get_table_size | 16 get_table_entry | 24 read_entry_field
 *             32 release_table_entry | 40 iterate_entries
 * fields_ext: 0 list_table_fields | 8 get_table_field | 16 add_table_field
 * ss_plugin_table_fieldinfo (16): 0 name* | 8 u32 field_type | 12 u32 read_only
 * ss_plugin_state_data (8): the member of the field's type at offset 0
 * </pre>
 */
public final class PluginTable {
    static final int INPUT_SIZE = 152;
    private static final int STATE_STRING = 9;
    private static final int STATE_BOOL = 25;

    private final String owner;
    private final String name;
    private final int keyType;
    private final Pointer table;
    private final Memory input;
    private final Function size;
    private final Function readField;
    private final Function iterate;
    private final Function listFields;
    private final Function getField;

    PluginTable(String owner, Memory input) {
        this.owner = owner;
        this.input = input;
        this.name = input.getPointer(0).getString(0, StandardCharsets.UTF_8.name());
        this.keyType = input.getInt(8);
        this.table = input.getPointer(16);
        Pointer reader = input.getPointer(128);
        Pointer fields = input.getPointer(144);
        this.size = Function.getFunction(reader.getPointer(8));
        this.readField = Function.getFunction(reader.getPointer(24));
        this.iterate = Function.getFunction(reader.getPointer(40));
        this.listFields = Function.getFunction(fields.getPointer(0));
        this.getField = Function.getFunction(fields.getPointer(8));
    }

    public String name() {
        return name;
    }

    /** The plugin that registered the table. */
    public String owner() {
        return owner;
    }

    public int keyType() {
        return keyType;
    }

    /** {@code get_table_size}; throws when the plugin reports an error (UINT64_MAX). */
    public long size() throws PluginException {
        long n = (Long) size.invoke(Long.class, new Object[] {table});
        if (n == -1L) {
            throw new PluginException(owner + ": get_table_size(" + name + ") failed");
        }
        return n;
    }

    /** The table's fields as name to state type code. */
    public Map<String, Integer> fields() {
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

    /** Every entry, as field name to value (Long for numbers, String, Boolean), in iteration order. */
    public List<Map<String, Object>> entries() throws PluginException {
        Map<String, Integer> fields = fields();
        Map<String, Pointer> handles = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> f : fields.entrySet()) {
            Pointer h = (Pointer) getField.invoke(Pointer.class, new Object[] {table, f.getKey(), f.getValue()});
            if (h == null) {
                throw new PluginException(owner + ": get_table_field(" + name + ", " + f.getKey() + ") returned NULL");
            }
            handles.put(f.getKey(), h);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Memory value = new Memory(8);
        PluginException[] failure = {null};
        Iterator visit = (state, entry) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, Pointer> h : handles.entrySet()) {
                value.setLong(0, 0);
                int rc = (Integer) readField.invoke(Integer.class, new Object[] {table, entry, h.getValue(), value});
                if (rc != 0) {
                    failure[0] = new PluginException(owner + ": read_entry_field(" + name + ", " + h.getKey()
                            + ") failed");
                    return 0;
                }
                int type = fields.get(h.getKey());
                row.put(h.getKey(), type == STATE_STRING ? stringAt(value.getPointer(0))
                        : type == STATE_BOOL ? (Object) (value.getInt(0) != 0) : (Object) value.getLong(0));
            }
            out.add(row);
            return 1;
        };
        int complete = (Integer) iterate.invoke(Integer.class, new Object[] {table, visit, Pointer.NULL});
        if (failure[0] != null) {
            throw failure[0];
        }
        if (complete == 0) {
            throw new PluginException(owner + ": iterate_entries(" + name + ") stopped early");
        }
        return out;
    }

    /**
     * A SHA-256 over every entry's fields, independent of iteration order: equal digests mean
     * equal table contents.
     */
    public String digest() throws PluginException {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> e : entries()) {
            rows.add(e.toString());
        }
        rows.sort(null);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(name.getBytes(StandardCharsets.UTF_8));
            for (String r : rows) {
                md.update((byte) '\n');
                md.update(r.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String stringAt(Pointer p) {
        return p == null ? "" : p.getString(0, StandardCharsets.UTF_8.name());
    }

    Memory input() {
        return input;
    }

    /** {@code ss_plugin_bool it(ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t* e)}. */
    interface Iterator extends Callback {
        int invoke(Pointer state, Pointer entry);
    }
}

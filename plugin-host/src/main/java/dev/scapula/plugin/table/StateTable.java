package dev.scapula.plugin.table;

import com.sun.jna.Pointer;
import dev.scapula.plugin.PluginException;
import java.util.List;
import java.util.Map;

/**
 * A named state table as plugins reach it through the host's vtables, whoever owns it: the host
 * ({@link HostTable}) or a plugin that registered it ({@link PluginTable}). The native-shaped
 * methods mirror the {@code ss_plugin_table_*} functions one to one; the Java ones snapshot it.
 */
public interface StateTable {
    /** The table's name, unique in its {@link TableRegistry}. */
    String name();

    /** The {@link StateType} of the key. */
    int keyType();

    /** Who owns the table: a plugin name, or "scapula" for a host table. */
    String owner();

    /** Why the last native-shaped call failed, or null. */
    String lastError();

    /** {@code get_table_name}: a C string owned by the table. */
    Pointer nameText();

    /** {@code list_table_fields}: an {@code ss_plugin_table_fieldinfo} array owned by the table. */
    Pointer listFields(Pointer count);

    /** {@code get_table_field}: a field handle, or NULL for an unknown field or another type. */
    Pointer getField(String field, int type);

    /** {@code add_table_field}: a new or existing dynamic field's handle, or NULL. */
    Pointer addField(String field, int type);

    /** {@code get_table_size}, or -1 (UINT64_MAX) on error. */
    long size();

    /** {@code get_table_entry}: an entry reference, or NULL with {@link #lastError()} set. */
    Pointer getEntry(Pointer key);

    /** {@code read_entry_field}: 0 on success. */
    int readField(Pointer entry, Pointer field, Pointer out);

    /** {@code release_table_entry}. */
    void releaseEntry(Pointer entry);

    /** {@code iterate_entries} with a native iterator function: 1 when it ran to the end. */
    int iterate(Pointer iterator, Pointer state);

    /** {@code clear_table}: 0 on success. */
    int clear();

    /** {@code erase_table_entry}: 0 on success. */
    int erase(Pointer key);

    /** {@code create_table_entry}: a detached entry, or NULL. */
    Pointer createEntry();

    /** {@code destroy_table_entry} of a detached entry. */
    void destroyEntry(Pointer entry);

    /** {@code add_table_entry}: a reference to the inserted entry, or NULL. */
    Pointer addEntry(Pointer key, Pointer entry);

    /** {@code write_entry_field}: 0 on success. */
    int writeField(Pointer entry, Pointer field, Pointer in);

    /** The fields, as name to {@link StateType}, static ones first. */
    Map<String, Integer> fields();

    /** Every entry as field name to value (Long, String or Boolean), in iteration order. */
    List<Map<String, Object>> entries() throws PluginException;

    /**
     * The {@link TableDigest} of the table's fields and entries, independent of iteration order:
     * equal for equal contents, and for different contents equal only by a 2^-64 chance.
     */
    default String digest() throws PluginException {
        return TableDigest.of(fields(), entries());
    }
}

package dev.scapula.plugin.table;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.call.DirectCalls;

/**
 * The {@link TableDigest} of a table computed through its native fields and reader vtables in one
 * call ({@code table_digest.c}): no JNA callback per entry. Not thread-safe: its owner serialises
 * the calls.
 *
 * <pre>
 * fields vtable: 0 list_table_fields | 8 get_table_field
 * reader vtable: 24 read_entry_field | 40 iterate_entries
 * out (16):      0 u64 digest | 8 u32 index of the field a failure concerns (list_table_fields order)
 * </pre>
 */
final class NativeDigest {
    static final int OK = 0;
    static final int NO_FIELD = 1;
    static final int READ_FAILED = 2;
    static final int STOPPED = 3;
    static final int NO_MEMORY = 4;

    private final long table;
    private final long listFields;
    private final long getField;
    private final long iterate;
    private final long readField;
    private final Memory out = new Memory(16);

    NativeDigest(Pointer table, Pointer fieldsVtable, Pointer readerVtable) {
        this.table = Pointer.nativeValue(table);
        this.listFields = Pointer.nativeValue(fieldsVtable.getPointer(0));
        this.getField = Pointer.nativeValue(fieldsVtable.getPointer(8));
        this.readField = Pointer.nativeValue(readerVtable.getPointer(24));
        this.iterate = Pointer.nativeValue(readerVtable.getPointer(40));
    }

    /** Digests the table: one of the status codes; on {@link #OK}, {@link #digest()} is its digest. */
    int run() {
        return DirectCalls.digestTable(table, listFields, getField, iterate, readField, Pointer.nativeValue(out));
    }

    /** The last digest, as {@link TableDigest} writes it. */
    String digest() {
        return TableDigest.hex(out.getLong(0));
    }

    /** After a failure naming a field: its index in {@code list_table_fields} order. */
    int failedField() {
        return out.getInt(8);
    }
}

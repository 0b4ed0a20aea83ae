package dev.scapula.plugin.table;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.call.DirectCalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@link TableDigest} of a table computed through its native fields and reader vtables in one
 * call ({@code table_digest.c}): no callback into Java per entry. Not thread-safe: its owner serialises
 * the calls.
 *
 * <pre>
 * fields vtable: 0 list_table_fields | 8 get_table_field
 * reader vtable: 24 read_entry_field | 40 iterate_entries
 * digest_call (592), the call's one argument, filled once:
 *   0 table* | 8 list_table_fields | 16 get_table_field | 24 iterate_entries | 32 read_entry_field
 *   40 u64 digest (out) | 48 u32 index, in list_table_fields order, of the field a failure concerns (out)
 *   56 the C side's own cache of field handles (zeroed here, then only written there)
 * </pre>
 */
final class NativeDigest {
    static final int OK = 0;
    static final int NO_FIELD = 1;
    static final int READ_FAILED = 2;
    static final int STOPPED = 3;
    static final int NO_MEMORY = 4;

    private static final int CALL_SIZE = 592;
    private static final int DIGEST_AT = 40;
    private static final int FAILED_AT = 48;

    private final Memory call = new Memory(CALL_SIZE);
    private final long address = Pointer.nativeValue(call);
    /** The results read through a buffer view: a JNA read is a JNI call each. */
    private final ByteBuffer results = call.getByteBuffer(0, CALL_SIZE).order(ByteOrder.nativeOrder());

    NativeDigest(Pointer table, Pointer fieldsVtable, Pointer readerVtable) {
        call.clear();
        call.setPointer(0, table);
        call.setPointer(8, fieldsVtable.getPointer(0));
        call.setPointer(16, fieldsVtable.getPointer(8));
        call.setPointer(24, readerVtable.getPointer(40));
        call.setPointer(32, readerVtable.getPointer(24));
    }

    /** Digests the table: one of the status codes; on {@link #OK}, {@link #digest()} is its digest. */
    int run() {
        return DirectCalls.digestTable(address);
    }

    /** The last digest, as {@link TableDigest} writes it. */
    String digest() {
        return TableDigest.hex(results.getLong(DIGEST_AT));
    }

    /** After a failure naming a field: its index in {@code list_table_fields} order. */
    int failedField() {
        return results.getInt(FAILED_AT);
    }
}

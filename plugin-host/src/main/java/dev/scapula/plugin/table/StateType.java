package dev.scapula.plugin.table;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code ss_plugin_state_type} codes of table keys and fields, and how a value of each type
 * sits in an {@code ss_plugin_state_data} union.
 *
 * <pre>
 * ss_plugin_state_data (8 bytes, every member at offset 0; only the declared type's width is valid):
 *   s8 s16 s32 s64 u8 u16 u32 u64 | const char* str | ss_plugin_bool b (u32) | ss_plugin_table_t* table
 * codes: INT8 1  INT16 2  INT32 3  INT64 4  UINT8 5  UINT16 6  UINT32 7  UINT64 8
 *        STRING 9  TABLE 10  BOOL 25
 * </pre>
 */
public final class StateType {
    public static final int INT8 = 1;
    public static final int INT16 = 2;
    public static final int INT32 = 3;
    public static final int INT64 = 4;
    public static final int UINT8 = 5;
    public static final int UINT16 = 6;
    public static final int UINT32 = 7;
    public static final int UINT64 = 8;
    public static final int STRING = 9;
    public static final int TABLE = 10;
    public static final int BOOL = 25;

    private StateType() {
    }

    /** True for the types a scalar field or key may have (every type but TABLE). */
    public static boolean isScalar(int type) {
        return type >= INT8 && type <= STRING || type == BOOL;
    }

    /** The type's name as libsinsp's docs write it, e.g. "uint64"; "type N" for an unknown code. */
    public static String name(int type) {
        switch (type) {
            case INT8: return "int8";
            case INT16: return "int16";
            case INT32: return "int32";
            case INT64: return "int64";
            case UINT8: return "uint8";
            case UINT16: return "uint16";
            case UINT32: return "uint32";
            case UINT64: return "uint64";
            case STRING: return "string";
            case TABLE: return "table";
            case BOOL: return "bool";
            default: return "type " + type;
        }
    }

    /**
     * Reads a scalar of this type from a union: Long for numbers (unsigned ones zero-extended,
     * except uint64 which keeps Java's signed long bits), String, or Boolean.
     */
    public static Object read(int type, Pointer data) {
        switch (type) {
            case INT8: return (long) data.getByte(0);
            case INT16: return (long) data.getShort(0);
            case INT32: return (long) data.getInt(0);
            case UINT8: return data.getByte(0) & 0xffL;
            case UINT16: return data.getShort(0) & 0xffffL;
            case UINT32: return data.getInt(0) & 0xffffffffL;
            case STRING: {
                Pointer p = data.getPointer(0);
                return p == null ? "" : p.getString(0, StandardCharsets.UTF_8.name());
            }
            case BOOL: return data.getInt(0) != 0;
            default: return data.getLong(0);
        }
    }

    /** The value a new entry or a new dynamic field starts with: 0, "" or false, as libsinsp. */
    public static Object zero(int type) {
        return type == STRING ? "" : type == BOOL ? (Object) Boolean.FALSE : (Object) 0L;
    }
}

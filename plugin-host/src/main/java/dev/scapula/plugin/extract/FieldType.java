package dev.scapula.plugin.extract;

/** The field types of the plugin API, with their codes (equal to libscap's PT_* codes). */
public enum FieldType {
    UINT64(8, "uint64"),
    STRING(9, "string"),
    RELTIME(20, "reltime"),
    ABSTIME(21, "abstime"),
    BOOL(25, "bool"),
    IPADDR(40, "ipaddr"),
    IPNET(41, "ipnet");

    private final int code;
    private final String jsonName;

    FieldType(int code, String jsonName) {
        this.code = code;
        this.jsonName = jsonName;
    }

    public int code() {
        return code;
    }

    /** The type for a {@code get_fields} type name, or null when the name is not one of the seven. */
    public static FieldType ofJson(String name) {
        for (FieldType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}

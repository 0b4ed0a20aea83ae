package dev.scapula.plugin;

/** The {@code ss_plugin_rc} values plugins return, with what each means. */
public enum ReturnCode {
    SUCCESS(0, "success"),
    FAILURE(1, "failure"),
    TIMEOUT(-1, "timeout (no events now, try again)"),
    EOF(2, "end of events"),
    NOT_SUPPORTED(3, "not supported");

    private final int code;
    private final String meaning;

    ReturnCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The return code for a raw value, or null when the plugin returned something undefined. */
    public static ReturnCode of(int raw) {
        for (ReturnCode rc : values()) {
            if (rc.code == raw) {
                return rc;
            }
        }
        return null;
    }

    /** "SS_PLUGIN_EOF (2, end of events)" or "undefined return code 77". */
    public static String describe(int raw) {
        ReturnCode rc = of(raw);
        return rc == null ? "undefined return code " + raw : "SS_PLUGIN_" + rc.name() + " (" + raw + ", " + rc.meaning + ")";
    }
}

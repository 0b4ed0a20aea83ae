package dev.scapula.capture.block;

/**
 * The block type codes libscap reads and writes, and the one scapula adds, with what each one
 * holds; the codes are hex literals whose digits look decimal (0x219 is followed by 0x220).
 */
public final class BlockType {
    private BlockType() {
    }

    /** Section header; a byte palindrome, so it reads the same in either byte order. */
    public static final int SECTION_HEADER = 0x0A0D0D0A;

    public static final int MACHINE_INFO = 0x201;
    public static final int MACHINE_INFO_INT = 0x8002ABCD;

    public static final int PROCESS_LIST_V1 = 0x202;
    public static final int PROCESS_LIST_V1_INT = 0x8000ABCD;
    public static final int PROCESS_LIST_V2 = 0x207;
    public static final int PROCESS_LIST_V2_INT = 0x8013ABCD;
    public static final int PROCESS_LIST_V3 = 0x209;
    public static final int PROCESS_LIST_V3_INT = 0x8014ABCD;
    public static final int PROCESS_LIST_V4 = 0x210;
    public static final int PROCESS_LIST_V5 = 0x211;
    public static final int PROCESS_LIST_V6 = 0x212;
    public static final int PROCESS_LIST_V7 = 0x213;
    public static final int PROCESS_LIST_V8 = 0x214;
    public static final int PROCESS_LIST_V9 = 0x215;

    public static final int FD_LIST = 0x203;
    public static final int FD_LIST_INT = 0x8001ABCD;
    public static final int FD_LIST_V2 = 0x218;

    public static final int EVENT = 0x204;
    public static final int EVENT_INT = 0x8010ABCD;
    public static final int EVENT_FLAGS = 0x208;
    public static final int EVENT_V2 = 0x216;
    public static final int EVENT_FLAGS_V2 = 0x217;
    /** plugin-host's {@code plugin_calls.c} mirrors this value (the recorder's fast path). */
    public static final int EVENT_V2_LARGE = 0x221;
    public static final int EVENT_FLAGS_V2_LARGE = 0x222;

    public static final int INTERFACE_LIST = 0x205;
    public static final int INTERFACE_LIST_INT = 0x8011ABCD;
    public static final int INTERFACE_LIST_V2 = 0x219;

    public static final int USER_LIST = 0x206;
    public static final int USER_LIST_INT = 0x8012ABCD;
    public static final int USER_LIST_V2 = 0x220;

    /**
     * scapula's manifest. A type from pcapng's local-use range: libscap skips unknown blocks
     * before the first event and tshark shows no frame for it, while a pcapng Custom Block
     * would appear as a frame and section header options break sysdig 0.29.
     */
    public static final int SCAPULA_MANIFEST = 0x8CA90001;

    /** True for the seven block types that carry one event. */
    public static boolean isEvent(int type) {
        switch (type) {
            case EVENT, EVENT_INT, EVENT_FLAGS, EVENT_V2, EVENT_FLAGS_V2, EVENT_V2_LARGE, EVENT_FLAGS_V2_LARGE:
                return true;
            default:
                return false;
        }
    }

    /** True when the event in this block has the 22-byte v1 header without nparams. */
    public static boolean hasV1EventHeader(int type) {
        return type == EVENT || type == EVENT_INT || type == EVENT_FLAGS;
    }

    /** True when a u32 flags word sits between cpuid and the event. */
    public static boolean hasEventFlags(int type) {
        return type == EVENT_FLAGS || type == EVENT_FLAGS_V2 || type == EVENT_FLAGS_V2_LARGE;
    }

    /** True for block types libscap reads into a buffer capped at 64 KiB. */
    public static boolean isSizeCapped(int type) {
        return isEvent(type) && type != EVENT_V2_LARGE && type != EVENT_FLAGS_V2_LARGE;
    }

    /** The process-list layout version (1 to 9) of a process-list block type, or 0. */
    public static int processListVersion(int type) {
        switch (type) {
            case PROCESS_LIST_V1, PROCESS_LIST_V1_INT:
                return 1;
            case PROCESS_LIST_V2, PROCESS_LIST_V2_INT:
                return 2;
            case PROCESS_LIST_V3, PROCESS_LIST_V3_INT:
                return 3;
            case PROCESS_LIST_V4:
                return 4;
            case PROCESS_LIST_V5:
                return 5;
            case PROCESS_LIST_V6:
                return 6;
            case PROCESS_LIST_V7:
                return 7;
            case PROCESS_LIST_V8:
                return 8;
            case PROCESS_LIST_V9:
                return 9;
            default:
                return 0;
        }
    }

    /** A short name for reports, e.g. {@code EV_V2_LARGE(0x221)}; unknown types show as hex. */
    public static String name(int type) {
        String base = baseName(type);
        return base + "(0x" + Integer.toHexString(type).toUpperCase(java.util.Locale.ROOT) + ")";
    }

    private static String baseName(int type) {
        switch (type) {
            case SECTION_HEADER: return "SHB";
            case MACHINE_INFO: return "MI";
            case MACHINE_INFO_INT: return "MI_INT";
            case PROCESS_LIST_V1: return "PL_V1";
            case PROCESS_LIST_V1_INT: return "PL_V1_INT";
            case PROCESS_LIST_V2: return "PL_V2";
            case PROCESS_LIST_V2_INT: return "PL_V2_INT";
            case PROCESS_LIST_V3: return "PL_V3";
            case PROCESS_LIST_V3_INT: return "PL_V3_INT";
            case PROCESS_LIST_V4: return "PL_V4";
            case PROCESS_LIST_V5: return "PL_V5";
            case PROCESS_LIST_V6: return "PL_V6";
            case PROCESS_LIST_V7: return "PL_V7";
            case PROCESS_LIST_V8: return "PL_V8";
            case PROCESS_LIST_V9: return "PL_V9";
            case FD_LIST: return "FDL";
            case FD_LIST_INT: return "FDL_INT";
            case FD_LIST_V2: return "FDL_V2";
            case EVENT: return "EV";
            case EVENT_INT: return "EV_INT";
            case EVENT_FLAGS: return "EVF";
            case EVENT_V2: return "EV_V2";
            case EVENT_FLAGS_V2: return "EVF_V2";
            case EVENT_V2_LARGE: return "EV_V2_LARGE";
            case EVENT_FLAGS_V2_LARGE: return "EVF_V2_LARGE";
            case INTERFACE_LIST: return "IL";
            case INTERFACE_LIST_INT: return "IL_INT";
            case INTERFACE_LIST_V2: return "IL_V2";
            case USER_LIST: return "UL";
            case USER_LIST_INT: return "UL_INT";
            case USER_LIST_V2: return "UL_V2";
            case SCAPULA_MANIFEST: return "SCAPULA_MANIFEST";
            default: return "UNKNOWN";
        }
    }
}

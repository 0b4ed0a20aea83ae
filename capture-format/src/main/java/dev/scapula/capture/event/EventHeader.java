package dev.scapula.capture.event;

/**
 * The v2 event header every event starts with (libscap's {@code scap_evt}), and the v1 header of
 * old captures; all integers in the writer's byte order (little-endian for every file we write).
 *
 * <pre>
 *   0       8       16      20     22         26
 *   +-------+-------+-------+------+----------+-----------------------+----------------+
 *   | ts    | tid   | len   | type | nparams  | nparams x u16 or u32  | param values   |
 *   +-------+-------+-------+------+----------+-----------------------+----------------+
 *   len covers the whole event from ts; lengths are u32 when the type has EF_LARGE_PAYLOAD.
 *   v1 (22 bytes): the same without nparams, always u16 lengths.
 * </pre>
 *
 * <p>plugin-host's {@code plugin_calls.c} mirrors these offsets (the recorder's fast path).
 */
public final class EventHeader {
    public static final int TS = 0;
    public static final int TID = TS + 8;
    public static final int LEN = TID + 8;
    public static final int TYPE = LEN + 4;
    public static final int NPARAMS = TYPE + 2;
    /** Bytes of the v2 header: the first parameter length follows. */
    public static final int LENGTH = NPARAMS + 4;
    /** Bytes of the v1 header, which has no nparams. */
    public static final int V1_LENGTH = NPARAMS;
    /**
     * A ts of UINT64_MAX: not stamped. Plugins send async events so for the host to stamp, and
     * dumped state keeps it in the file.
     */
    public static final long UNSET_TIMESTAMP = -1L;

    private EventHeader() {
    }
}

package dev.scapula.capture.expect;

import java.nio.file.Path;

/**
 * Where the live values of a capture are kept: a JSON-lines sidecar beside it, because libscap
 * refuses any non-event block after the first event, so they cannot go inside the capture.
 *
 * <pre>
 * FILE.expect.jsonl
 *   line 1:  {"scapula_expect":2,"capture":"FILE","capture_bytes":65536,"capture_sha256":"9f86...",
 *             "fields":["fields.seq",...]}
 *            (capture_sha256: sha256 of the first capture_bytes bytes of FILE's uncompressed stream,
 *             64 KiB or all of a shorter file: which capture these values belong to)
 *   then:    {"evt":N,"v":{"fields.seq":["41"],"fields.divisors":["1","41"]}}   one per event
 *            (N: the event's number in FILE, strictly increasing; every header field, each a list
 *             of strings, empty when the field has no value)
 * </pre>
 */
public final class ExpectFile {
    /** Bumped only when an older reader could not make sense of the lines. */
    public static final int FORMAT_VERSION = 2;
    /** The longest line a reader takes: a plugin's values are never near this, garbage may be. */
    public static final int MAX_LINE_BYTES = 16 << 20;
    /** What the sidecar's name adds to the capture's. */
    public static final String SUFFIX = ".expect.jsonl";
    static final String VERSION_KEY = "scapula_expect";
    static final String CAPTURE_KEY = "capture";
    static final String BYTES_KEY = "capture_bytes";
    static final String SHA256_KEY = "capture_sha256";
    static final String FIELDS_KEY = "fields";
    static final String EVENT_KEY = "evt";
    static final String VALUES_KEY = "v";

    private ExpectFile() {
    }

    /** The sidecar of a capture file. */
    public static Path of(Path capture) {
        return capture.resolveSibling(capture.getFileName() + SUFFIX);
    }
}

package dev.scapula.capture.expect;

import java.nio.file.Path;

/**
 * Where the live values of a capture are kept: a JSON-lines sidecar beside it, because libscap
 * refuses any non-event block after the first event, so they cannot go inside the capture.
 *
 * <pre>
 * FILE.expect.jsonl
 *   line 1:  {"scapula_expect":1,"capture":"FILE","fields":["fields.seq",...]}
 *   then:    {"evt":N,"v":{"fields.seq":["41"],"fields.divisors":["1","41"]}}   one per event
 *            (N: the event's number in FILE; a field with no value has an empty list)
 * </pre>
 */
public final class ExpectFile {
    /** Bumped only when an older reader could not make sense of the lines. */
    public static final int FORMAT_VERSION = 1;
    /** What the sidecar's name adds to the capture's. */
    public static final String SUFFIX = ".expect.jsonl";

    private ExpectFile() {
    }

    /** The sidecar of a capture file. */
    public static Path of(Path capture) {
        return capture.resolveSibling(capture.getFileName() + SUFFIX);
    }
}

package dev.scapula.capture;

import dev.scapula.capture.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Warns when the files of a rotated recording are given out of order: a shell sorts
 * {@code r.scap*} as text, so {@code r.scap10} comes before {@code r.scap2}, and a ring written
 * with -W starts anywhere.
 */
public final class CaptureOrder {
    /** Events read per file to find its first set timestamp (dumped state events carry none). */
    private static final int SCAN = 10_000;

    private CaptureOrder() {
    }

    /** One warning per file whose first event is older than the previous file's. */
    public static void warnIfOutOfOrder(List<Path> captures, Consumer<String> warnings) {
        if (captures.size() < 2) {
            return;
        }
        Long previous = null;
        for (int i = 0; i < captures.size(); i++) {
            Long first = firstTimestamp(captures.get(i));
            if (first == null) {
                continue;
            }
            if (previous != null && Long.compareUnsigned(first, previous) < 0) {
                warnings.accept("warning: " + captures.get(i) + " (first event at " + first + ") is given after "
                        + captures.get(i - 1) + " (first event at " + previous + "): the files are out of order (a "
                        + "shell sorts r.scap10 before r.scap2); give rotated files oldest first");
            }
            previous = first;
        }
    }

    private static Long firstTimestamp(Path capture) {
        try (CaptureReader r = CaptureReader.open(capture)) {
            int n = 0;
            for (Event e = r.next(); e != null && n < SCAN; e = r.next(), n++) {
                if (e.timestamp() != -1L) {
                    return e.timestamp();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the replay itself reports it, with the offset
        }
        return null;
    }
}

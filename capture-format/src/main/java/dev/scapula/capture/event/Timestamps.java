package dev.scapula.capture.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Event timestamps (nanoseconds since the epoch, unsigned) as people read them. */
public final class Timestamps {
    private static final long NANOS = 1_000_000_000L;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** ISO-8601 UTC with nanoseconds, or null for the unset value. */
    public static String iso(long ts) {
        if (ts == EventHeader.UNSET_TIMESTAMP) {
            return null;
        }
        return Instant.ofEpochSecond(Long.divideUnsigned(ts, NANOS), Long.remainderUnsigned(ts, NANOS)).toString();
    }

    /** Time of day in UTC with nanoseconds, as sysdig prints {@code evt.time}; "<NA>" when unset. */
    public static String clock(long ts) {
        if (ts == EventHeader.UNSET_TIMESTAMP) {
            return "<NA>";
        }
        return CLOCK.format(Instant.ofEpochSecond(Long.divideUnsigned(ts, NANOS), Long.remainderUnsigned(ts, NANOS)));
    }

    /** A duration in nanoseconds as seconds with three decimals. */
    public static String duration(long nanos) {
        return String.format("%.3f s", nanos / 1e9);
    }
}

package dev.scapula.replayer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Event timestamps as libsinsp writes {@code evt.time}, {@code evt.datetime} and their variants.
 *
 * <p>libsinsp shifts by the zone's offset <em>as it is when the program runs</em>, not at the
 * event's time (its {@code gmt2local(0)}), so a summer event read in winter is shown with the
 * winter offset; {@link #of(ZoneId, Instant)} does the same. The date comes from the shifted
 * seconds, and {@code evt.time.iso8601} is always UTC.
 *
 * @param offsetSeconds the offset added to the event's seconds
 */
public record EventTime(int offsetSeconds) {
    private static final long NANOS = 1_000_000_000L;
    private static final long DAY = 86_400L;

    /** The most characters {@link #writeTime} writes: {@code HH:MM:SS.nnnnnnnnn}. */
    public static final int TIME_CHARS = 18;

    /** Times in UTC, whatever the machine's zone. */
    public static final EventTime UTC = new EventTime(0);

    /** The zone's offset at {@code now}, as libsinsp takes the local zone's offset once. */
    public static EventTime of(ZoneId zone, Instant now) {
        return new EventTime(zone.getRules().getOffset(now).getTotalSeconds());
    }

    /** {@code HH:MM:SS.nnnnnnnnn}, or without the nanoseconds when {@code nanos} is false. */
    public String time(long ts, boolean nanos) {
        char[] b = new char[TIME_CHARS];
        return new String(b, 0, writeTime(ts, nanos, b, 0));
    }

    /**
     * Writes {@link #time} into {@code into} from {@code at} (room for {@link #TIME_CHARS}) and
     * returns where it ends: for a printer that writes a time per event with no String.
     */
    public int writeTime(long ts, boolean nanos, char[] into, int at) {
        long shifted = Long.divideUnsigned(ts, NANOS) + offsetSeconds;
        // libsinsp does this in uint64 arithmetic, then keeps the day's seconds as int32
        int s = (int) Long.remainderUnsigned(shifted, DAY);
        int i = fixed(into, at, s / 3600, 2);
        into[i++] = ':';
        i = fixed(into, i, (s % 3600) / 60, 2);
        into[i++] = ':';
        i = fixed(into, i, s % 60, 2);
        if (!nanos) {
            return i;
        }
        into[i++] = '.';
        return fixed(into, i, (int) Long.remainderUnsigned(ts, NANOS), 9);
    }

    /**
     * {@code value} as exactly {@code width} digits, zero-padded; a day's hours and a second's
     * nanoseconds always fit, and the C code's int32 hours of a negative day second do not occur
     * (the remainder is unsigned).
     */
    private static int fixed(char[] into, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + width;
    }

    /** {@code YYYY-MM-DD HH:MM:SS.nnnnnnnnn}, or without the nanoseconds. */
    public String datetime(long ts, boolean nanos) {
        long shifted = Long.divideUnsigned(ts, NANOS) + offsetSeconds;
        long s = Long.remainderUnsigned(shifted, DAY);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(shifted - s, DAY));
        StringBuilder b = new StringBuilder(29);
        date(b, day).append(' ');
        return appendTime(b, ts, nanos).toString();
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000}: always UTC, as libsinsp formats it. */
    public static String iso8601(long ts) {
        long sec = Long.divideUnsigned(ts, NANOS);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(sec, DAY));
        int s = (int) Math.floorMod(sec, DAY);
        StringBuilder b = new StringBuilder(35);
        date(b, day).append('T');
        clock(b, s).append('.');
        return digits(b, Long.remainderUnsigned(ts, NANOS), 9).append("+0000").toString();
    }

    // Digits by hand: String.format parses its pattern on every call, and replay prints a time per event.

    private StringBuilder appendTime(StringBuilder b, long ts, boolean nanos) {
        char[] t = new char[TIME_CHARS];
        return b.append(t, 0, writeTime(ts, nanos, t, 0));
    }

    private static StringBuilder clock(StringBuilder b, int s) {
        digits(b, s / 3600, 2).append(':');
        digits(b, (s % 3600) / 60, 2).append(':');
        return digits(b, s % 60, 2);
    }

    private static StringBuilder date(StringBuilder b, LocalDate day) {
        digits(b, day.getYear(), 4).append('-');
        digits(b, day.getMonthValue(), 2).append('-');
        return digits(b, day.getDayOfMonth(), 2);
    }

    /** {@code value} zero-padded to at least {@code width} digits, as {@code %0Nd} (never negative here). */
    private static StringBuilder digits(StringBuilder b, long value, int width) {
        String d = Long.toString(value);
        for (int i = d.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(d);
    }
}

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

    /** Times in UTC, whatever the machine's zone. */
    public static final EventTime UTC = new EventTime(0);

    /** The zone's offset at {@code now}, as libsinsp takes the local zone's offset once. */
    public static EventTime of(ZoneId zone, Instant now) {
        return new EventTime(zone.getRules().getOffset(now).getTotalSeconds());
    }

    /** {@code HH:MM:SS.nnnnnnnnn}, or without the nanoseconds when {@code nanos} is false. */
    public String time(long ts, boolean nanos) {
        return appendTime(new StringBuilder(18), ts, nanos).toString();
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
        long shifted = Long.divideUnsigned(ts, NANOS) + offsetSeconds;
        // libsinsp does this in uint64 arithmetic, then keeps the day's seconds as int32
        int s = (int) Long.remainderUnsigned(shifted, DAY);
        clock(b, s);
        return nanos ? digits(b.append('.'), Long.remainderUnsigned(ts, NANOS), 9) : b;
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

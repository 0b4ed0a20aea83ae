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
        long shifted = Long.divideUnsigned(ts, NANOS) + offsetSeconds;
        // libsinsp does this in uint64 arithmetic, then keeps the day's seconds as int32
        int s = (int) Long.remainderUnsigned(shifted, DAY);
        String hms = String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        return nanos ? hms + String.format(".%09d", Long.remainderUnsigned(ts, NANOS)) : hms;
    }

    /** {@code YYYY-MM-DD HH:MM:SS.nnnnnnnnn}, or without the nanoseconds. */
    public String datetime(long ts, boolean nanos) {
        long shifted = Long.divideUnsigned(ts, NANOS) + offsetSeconds;
        long s = Long.remainderUnsigned(shifted, DAY);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(shifted - s, DAY));
        return String.format("%04d-%02d-%02d ", day.getYear(), day.getMonthValue(), day.getDayOfMonth())
                + time(ts, nanos);
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000}: always UTC, as libsinsp formats it. */
    public static String iso8601(long ts) {
        long sec = Long.divideUnsigned(ts, NANOS);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(sec, DAY));
        int s = (int) Math.floorMod(sec, DAY);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09d+0000", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), s / 3600, (s % 3600) / 60, s % 60, Long.remainderUnsigned(ts, NANOS));
    }
}

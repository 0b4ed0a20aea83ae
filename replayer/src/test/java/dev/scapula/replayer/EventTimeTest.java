package dev.scapula.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** evt.time and evt.datetime as libsinsp writes them, for fixed offsets (never the machine's zone). */
class EventTimeTest {
    /** 2023-11-14T22:13:20Z, the counter sample's first timestamp, plus 6 microseconds. */
    private static final long TS = 1_700_000_000_000_006_000L;

    @Test
    void utcTimeAndDatetimeWithAndWithoutNanoseconds() {
        assertThat(EventTime.UTC.time(TS, true)).isEqualTo("22:13:20.000006000");
        assertThat(EventTime.UTC.time(TS, false)).isEqualTo("22:13:20");
        assertThat(EventTime.UTC.datetime(TS, true)).isEqualTo("2023-11-14 22:13:20.000006000");
        assertThat(EventTime.UTC.datetime(TS, false)).isEqualTo("2023-11-14 22:13:20");
        assertThat(EventTime.iso8601(TS)).isEqualTo("2023-11-14T22:13:20.000006000+0000");
    }

    @Test
    void anOffsetShiftsTheClockAndTheDate() {
        EventTime india = new EventTime(5 * 3600 + 1800);
        assertThat(india.time(TS, true)).isEqualTo("03:43:20.000006000");
        assertThat(india.datetime(TS, false)).isEqualTo("2023-11-15 03:43:20");
        EventTime pacific = new EventTime(-8 * 3600);
        assertThat(pacific.datetime(TS, true)).isEqualTo("2023-11-14 14:13:20.000006000");
        // iso8601 stays UTC whatever the offset
        assertThat(EventTime.iso8601(TS)).endsWith("+0000");
    }

    @Test
    void theOffsetIsTodaysForEveryEventAsLibsinspTakesIt() {
        ZoneId rome = ZoneId.of("Europe/Rome");
        EventTime winter = EventTime.of(rome, Instant.parse("2026-01-15T12:00:00Z"));
        EventTime summer = EventTime.of(rome, Instant.parse("2026-07-15T12:00:00Z"));
        long julyEvent = Instant.parse("2025-07-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
        assertThat(winter.time(julyEvent, false)).isEqualTo("11:00:00");
        assertThat(summer.time(julyEvent, false)).isEqualTo("12:00:00");
    }

    @Test
    void sameTextAsSysdigPrintsForALibscapCapture() {
        // sysdig 0.29, -r curl_google.scap -p "%evt.rawtime %evt.time %evt.datetime", event 211, under
        // TZ=UTC, TZ=Asia/Kolkata and TZ=Pacific/Kiritimati (+14:00, so the date moves on)
        long ts = 1_534_527_348_514_632_619L;
        assertThat(EventTime.UTC.datetime(ts, true)).isEqualTo("2018-08-17 17:35:48.514632619");
        assertThat(EventTime.of(ZoneId.of("Asia/Kolkata"), Instant.now()).datetime(ts, true))
                .isEqualTo("2018-08-17 23:05:48.514632619");
        assertThat(EventTime.of(ZoneId.of("Pacific/Kiritimati"), Instant.now()).datetime(ts, true))
                .isEqualTo("2018-08-18 07:35:48.514632619");
    }

    @Test
    void theUnsetTimestampIsFormattedAsTheLargestTimeNotHidden() {
        // dumped async events keep ts = UINT64_MAX; libsinsp prints it: 2^64-1 ns is 2554-07-21 23:34:33.709551615 UTC
        assertThat(EventTime.UTC.datetime(-1L, true)).isEqualTo("2554-07-21 23:34:33.709551615");
        assertThat(EventTime.iso8601(-1L)).isEqualTo("2554-07-21T23:34:33.709551615+0000");
    }
}

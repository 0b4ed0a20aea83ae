package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An existing file is never overwritten by a recording without {@code --force}, whatever name rotation gives it. */
class RecordOverwriteTest {
    /** 2023-11-14 22:13:20 UTC, the counter's first timestamp, in seconds. */
    private static final long START_SECOND = 1_700_000_000L;

    @TempDir
    Path dir;

    private static long events(Path file) throws Exception {
        try (CaptureReader r = CaptureReader.open(file)) {
            while (r.next() != null) {
                // count
            }
            return r.eventCount();
        }
    }

    @Test
    void aRotatedNameThatExistsIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path base = dir.resolve("r.scap");
        Files.writeString(Path.of(base + "3"), "precious");
        CommandRun run = CommandRun.of("record", "-I", "counter:count=5000", "-e", "1000", "-w", base.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(base + "3 exists; give --force to overwrite it");
        assertThat(Files.readString(Path.of(base + "3"))).isEqualTo("precious");
        assertThat(Path.of(base + "0")).as("refused before the first file").doesNotExist();
    }

    @Test
    void aZeroPaddedRingNameCountsToo() throws Exception {
        Path base = dir.resolve("ring.scap");
        Files.writeString(Path.of(base + "07"), "precious");
        CommandRun run = CommandRun.of("record", "-I", "counter:count=5000", "-C", "1", "-W", "10", "-w",
                base.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(base + "07 exists");
        assertThat(Files.readString(Path.of(base + "07"))).isEqualTo("precious");
    }

    @Test
    void forceOverwritesEveryRotatedName() throws Exception {
        Path base = dir.resolve("f.scap");
        Files.writeString(Path.of(base + "0"), "old");
        Files.writeString(Path.of(base + "1"), "old");
        CommandRun run = CommandRun.of("record", "--force", "-I", "counter:count=1500", "-e", "1000", "-w",
                base.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(events(Path.of(base + "0"))).isEqualTo(1000);
        assertThat(events(Path.of(base + "1"))).isEqualTo(500);
    }

    @Test
    void aTimeNamedFileThatExistsStopsTheRecordingWhenItsTurnComesAndKeepsWhatCameBefore() throws Exception {
        // Counter events are 1 us apart: starting 2 ms before a second boundary, 4,500 events span two seconds.
        long start = (START_SECOND + 1) * 1_000_000_000L - 2_000_000L;
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneId.systemDefault());
        Path first = dir.resolve("t-" + hms.format(Instant.ofEpochSecond(START_SECOND)) + ".scap");
        Path second = dir.resolve("t-" + hms.format(Instant.ofEpochSecond(START_SECOND + 1)) + ".scap");
        Files.writeString(second, "precious");
        CommandRun run = CommandRun.of("record", "-I", "counter:count=4500;size=8;start=" + start, "-G", "1", "-w",
                dir.resolve("t-%H%M%S.scap").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(second + " exists; give --force to overwrite it",
                "Safe on disk: 2,000 events in 1 file: " + first + " (2,000 events, complete)");
        assertThat(Files.readString(second)).isEqualTo("precious");
        assertThat(events(first)).isEqualTo(2000);
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench commands run end to end on a small count and print every run beside its baselines (no timing asserted). */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void replayPrintsEveryRunAndTheTargetVerdict() throws Exception {
        CommandRun run = CommandRun.of("bench", "replay", "-n", "20000", "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("raw read (FileChannel)", "decode every event (CaptureReader)",
                "replay, 1 field (fields.seq)", "replay, all fields", "C host, extract_fields 1 field",
                "target: 1 field at 3,000,000 events/s or more: ", "stateful, parse + 4 fields + table digests",
                "state-digest mode costs ");
        try (var files = Files.list(dir)) {
            assertThat(files).as("the bench capture is removed").isEmpty();
        }
    }

    @Test
    void recordPrintsEveryRunAndTheTargetVerdict() {
        CommandRun run = CommandRun.of("bench", "record", "-n", "20000", "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("raw write of the same bytes, 64 B", "scapula record, 64 B",
                "C host, next_batch only, 64 B", "scapula record, 4096 B", "recording takes ",
                "heap in use after 2,000 events: ", "; after 20,000: ", "target: 3,800,000 events/s or more: ");
    }
}

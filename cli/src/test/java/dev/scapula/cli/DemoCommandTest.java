package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @Test
    void recordsReplaysVerifiesAndDiffsWithTheExpectedResults(@TempDir Path dir) {
        CommandRun run = CommandRun.of("demo", "--dir", dir.toString(), "-n", "3000");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.exists(dir.resolve("counter.scap"))).isTrue();
        assertThat(run.out()).contains("recorded 3,000 events", "1 [counter] fields.seq=0",
                "fields + stateful: 3,000 events, deterministic", "nondet (broken on purpose): caught",
                "1.0.0 -> 1.1.0: needs minor, is minor: ok", "1.0.0 -> 1.0.1: needs major, is patch: UNDERSTATED",
                "demo: every step gave the expected result");
    }
}

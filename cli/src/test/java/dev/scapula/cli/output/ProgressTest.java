package dev.scapula.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line shows events, megabytes, the rate and the detail, at most every quarter second. */
class ProgressTest {
    private long now;

    @Test
    void drawsAtMostEveryQuarterSecondWithTheCurrentRateAndClearsTheLineOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        Progress p = new Progress("recording", err, true, () -> now);
        now = 100_000_000L;
        p.report(10, 1_000_000, ", file a.scap0");
        assertThat(bytes.size()).as("too soon").isZero();
        now = 2_000_000_000L;
        p.report(40_000, 2_500_000, ", file a.scap1");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rrecording: 40,000 events, 2.5 MB, 20,000 events/s, file a.scap1\033[K");
        bytes.reset();
        now += 100_000_000L;
        p.report(50_000, 3_000_000, "");
        assertThat(bytes.size()).as("within a quarter second of the last line").isZero();
        now += 400_000_000L;
        p.report(240_000, 3_000_000, "");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).as("the rate since the last line")
                .isEqualTo("\rrecording: 240,000 events, 3.0 MB, 400,000 events/s\033[K");
        bytes.reset();
        p.close();
        p.close();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\r\033[K");
    }

    @Test
    void drawsNothingWhenStderrIsNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress("recording", new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true), false, () -> now);
        now = 5_000_000_000L;
        p.report(1, 1, "");
        p.update(1024, 1);
        p.close();
        assertThat(bytes.size()).isZero();
    }

    @Test
    void asksWhetherStderrIsATerminalOnlyOnceALineIsDueAndMakesTheDetailOnlyForALine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] asked = {0};
        int[] details = {0};
        Progress p = new Progress("recording", new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true), () -> {
            asked[0]++;
            return true;
        }, () -> now);
        now = 100_000_000L;
        p.report(10, 1, () -> ", file " + details[0]++);
        assertThat(asked[0]).as("a run shorter than a quarter second never asks").isZero();
        assertThat(details[0]).isZero();
        now = 2_000_000_000L;
        p.report(20, 1, () -> ", file " + details[0]++);
        now = 4_000_000_000L;
        p.report(30, 1, () -> ", file " + details[0]++);
        assertThat(asked[0]).isEqualTo(1);
        assertThat(details[0]).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(", file 0").contains(", file 1");
    }
}

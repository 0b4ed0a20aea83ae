package dev.scapula.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.cli.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint's --previous and --capture from the command line, as the CI recipe in docs/releasing.md runs them. */
class LintReleaseOptionsTest {
    @TempDir
    Path dir;

    private String capture;

    @BeforeEach
    void record() {
        capture = dir.resolve("c.scap").toString();
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=200", "-w", capture);
        assertThat(rec.exitCode()).as(rec.err()).isZero();
    }

    @Test
    void previousWithCapturesFailsABumpThatUnderstatesTheChange() {
        CommandRun run = CommandRun.of("lint", "versioned_1_0_1_wrong", "--previous", "versioned_1_0_0", "--capture",
                capture, "--fuzz-time", "0");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains(
                "ERROR   release/semver: versioned 1.0.0 -> 1.0.1 is a patch bump; the changes need major",
                "field versioned.seq changed its values on 200 events",
                "reproduce: scapula diff --old versioned_1_0_0 --new versioned_1_0_1_wrong " + capture,
                "NOT ready to release");
    }

    @Test
    void previousWithCapturesPassesABumpThatMatches() {
        CommandRun run = CommandRun.of("lint", "versioned_1_1_0", "--previous", "versioned_1_0_0", "--capture", capture,
                "--fuzz-time", "0");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("release/", "skipped release").contains("OK to release");
    }

    @Test
    void previousWithoutCapturesOrOwnEventsSkipsTheReleaseCheckSayingWhy() {
        // versioned only extracts: without --capture there are no events to compare the versions on
        CommandRun run = CommandRun.of("lint", "versioned_1_0_1_wrong", "--previous", "versioned_1_0_0",
                "--fuzz-time", "0");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("skipped release: no events to compare the two versions on (give --capture FILE)");
    }

    @Test
    void captureRunsTheBehaviourChecksOnIt() {
        CommandRun nondet = CommandRun.of("lint", "nondet", "--capture", capture, "--fuzz-time", "0");
        assertThat(nondet.exitCode()).as(nondet.out() + nondet.err()).isEqualTo(1);
        // findings name the capture by its file name, the reproduce line by the path given
        assertThat(nondet.out()).contains("ERROR   behaviour/determinism: c.scap: two-instances:",
                "ERROR   behaviour/extraction-changes-state: c.scap: extract-twice:",
                "reproduce: scapula verify -r " + capture + " -H nondet");
        CommandRun fields = CommandRun.of("lint", "fields", "--capture", capture, "--fuzz-time", "0");
        assertThat(fields.exitCode()).as(fields.out() + fields.err()).isZero();
        assertThat(fields.out()).doesNotContain("behaviour/", "skipped behaviour");
    }
}

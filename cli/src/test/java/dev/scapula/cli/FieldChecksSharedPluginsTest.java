package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.SharedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typos and runs that compare nothing, on the real Go SDK plugins and captures of ../shared. */
class FieldChecksSharedPluginsTest {
    @TempDir
    Path dir;
    String dummy;
    String capture;

    @BeforeEach
    void record() {
        dummy = SharedFiles.plugin("libdummy.so").toString();
        capture = dir.resolve("dummy.scap").toString();
        CommandRun run = CommandRun.of("record", "-I", dummy, "-n", "20", "-w", capture);
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void aMisspeltArgumentFieldIsAUsageErrorInVerifyAndReplay() {
        CommandRun verify = CommandRun.of("verify", "-r", capture, "-H", dummy, "-f", "dummy.divisble[3]");
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err()).contains("-f dummy.divisble[3]: no loaded plugin (dummy) has a field named "
                + "dummy.divisble; did you mean dummy.divisible?");
        CommandRun replay = CommandRun.of("replay", "-r", capture, "-H", dummy, "-f", "dummy.vaule");
        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).contains("did you mean dummy.value?");
    }

    @Test
    void anExtractorOfAnotherSourceComparesNothing() {
        // k8saudit extracts from k8s_audit only; the capture holds dummy events
        CommandRun run = CommandRun.of("verify", "-r", capture, "-H", SharedFiles.plugin("libk8saudit.so").toString(),
                "-f", "ka.verb");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("  k8saudit ka.verb", " 0 of 0\n", "ERROR nothing compared: none of the 20 "
                + "events is of a source the plugins take (events: dummy; plugins: k8saudit extracts k8s_audit)");
    }

    @Test
    void theDummyValuesAreCountedOnEveryEvent() {
        CommandRun run = CommandRun.of("verify", "-r", capture, "-H", dummy, "-f", "dummy.value", "-f",
                "dummy.divisible[3]");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("dummy dummy.value +20 of 20\n")
                .containsPattern("dummy dummy.divisible\\[3\\] +20 of 20\n").contains("OK: deterministic");
    }

    @Test
    void aSyscallCaptureFromElsewhereHasNoPluginEventsAndIsNoPass() {
        Path syscalls = dev.scapula.capture.SharedCaptures.dir().map(d -> d.resolve("curl_google.scap")).orElse(null);
        dev.scapula.capture.Prerequisite.require(syscalls != null, "shared/captures beside the repository");
        CommandRun verify = CommandRun.of("verify", "-r", syscalls.toString(), "-H", "fields");
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("0 plugin events", "fields fields.seq", " 0 of 0\n",
                "ERROR nothing compared: the capture has no plugin or async events");
        CommandRun diff = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0",
                syscalls.toString());
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("ERROR nothing compared: the captures have no plugin events");
    }
}

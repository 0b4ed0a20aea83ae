package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary files of a run (plugin copies, worker call logs, the crashed worker's own) are
 * gone when it ends, and a run killed before it could remove them is cleaned up by the next.
 */
class RunTempProcessTest {
    @TempDir
    Path tmp;

    private List<String> scapulaEntries() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("scapula-")).sorted().toList();
        }
    }

    @Test
    void anIsolatedCrashLeavesNothingAndAFolderOfADeadRunIsSwept() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path stale = Files.createDirectory(tmp.resolve("scapula-run-" + dead.pid() + "-1"));
        Files.writeString(stale.resolve("plugin-1.so"), "left by kill -9");

        Path capture = tmp.resolve("broken.scap");
        Manifest m = new Manifest("test", "", 0, List.of(new Manifest.PluginEntry("counter", "0.1.0", 9001,
                "counter", "3.0.0", "", "", "")));
        try (CaptureWriter w = CaptureWriter.create(capture, CaptureOptions.plain().withManifest(m))) {
            w.writePluginEvent(1000L, -1, 9001, new byte[4]); // fragile crashes on a payload under 8 bytes
        }
        Path crashes = Files.createDirectory(tmp.resolve("crashes"));
        CommandRun run = ScapulaProcess.run(tmp, List.of(), "replay", "--isolate", "--crash-dir", crashes.toString(),
                "-r", capture.toString(), "-H", SamplePlugins.path("fragile").toString(), "-f", "fragile.first");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("crashed in plugin_extract_fields");
        assertThat(scapulaEntries()).as("temporary files left in java.io.tmpdir").isEmpty();
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symbolic link planted at a name a command writes (in a shared folder, the name is easy to
 * guess) is never written through: the file it points at keeps its bytes, and the command
 * refuses (exit 2) or, for reproducers, takes the next free number.
 */
class PlantedLinksTest {
    @TempDir
    Path dir;
    Path victim;

    @BeforeEach
    void victim() throws Exception {
        victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
    }

    private Path plant(String name) throws Exception {
        return Files.createSymbolicLink(dir.resolve(name), victim);
    }

    private void victimUntouched() throws Exception {
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void recordWithForceRefusesALinkAtFile() throws Exception {
        Path link = plant("out.scap");
        CommandRun run = CommandRun.of("record", "--force", "-I", "counter:count=10", "-w", link.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(link + ": is a symbolic link");
        victimUntouched();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void recordKeepsAnExistingSidecarWithoutForceAndRefusesALinkThereWithIt() throws Exception {
        Path capture = dir.resolve("c.scap");
        Path sidecar = dir.resolve("c.scap.expect.jsonl");
        Files.writeString(sidecar, "another recording's values");
        CommandRun kept = CommandRun.of("record", "-I", "counter:count=10", "-H", "fields", "--expect", "fields.seq",
                "-w", capture.toString());
        assertThat(kept.exitCode()).isEqualTo(2);
        assertThat(kept.err()).contains(sidecar + " exists; give --force");
        assertThat(Files.readString(sidecar)).isEqualTo("another recording's values");
        assertThat(capture).doesNotExist();

        Files.delete(sidecar);
        Files.createSymbolicLink(sidecar, victim);
        CommandRun forced = CommandRun.of("record", "--force", "-I", "counter:count=10", "-H", "fields", "--expect",
                "fields.seq", "-w", capture.toString());
        assertThat(forced.exitCode()).isEqualTo(2);
        assertThat(forced.err()).contains(sidecar + ": is a symbolic link");
        victimUntouched();
    }

    @Test
    void diffHtmlKeepsAFileWithoutForceAndRefusesALinkWithIt() throws Exception {
        String capture = dir.resolve("c.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=20", "-w", capture).exitCode()).isZero();
        Path report = dir.resolve("old.html");
        Files.writeString(report, "last week's report");
        String[] diff = {"diff", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0", capture, "--html"};
        CommandRun kept = CommandRun.of(concat(diff, report.toString()));
        assertThat(kept.exitCode()).isEqualTo(2);
        assertThat(kept.err()).contains(report + ": exists; give --force");
        assertThat(Files.readString(report)).isEqualTo("last week's report");

        Path link = plant("diff.html");
        CommandRun forced = CommandRun.of(concat(diff, link.toString(), "--force"));
        assertThat(forced.exitCode()).isEqualTo(2);
        assertThat(forced.err()).contains(link + ": is a symbolic link");
        victimUntouched();

        CommandRun replaced = CommandRun.of(concat(diff, report.toString(), "--force"));
        assertThat(replaced.exitCode()).as(replaced.err()).isIn(0, 1);
        assertThat(Files.readString(report)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void lintSarifRefusesALinkWithOrWithoutForce() throws Exception {
        Path link = plant("lint.sarif");
        for (boolean force : new boolean[] {false, true}) {
            CommandRun run = CommandRun.of(force ? new String[] {"lint", "--sarif", link.toString(), "--force",
                "lint_clean"} : new String[] {"lint", "--sarif", link.toString(), "lint_clean"});
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains(link + ": is a symbolic link");
        }
        victimUntouched();
    }

    @Test
    void recoverRefusesADanglingLinkAtOut() throws Exception {
        String capture = dir.resolve("c.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=20", "-w", capture).exitCode()).isZero();
        Path wouldBeCreated = dir.resolve("elsewhere.scap");
        Path link = Files.createSymbolicLink(dir.resolve("saved.scap"), wouldBeCreated);
        for (boolean force : new boolean[] {false, true}) {
            CommandRun run = CommandRun.of(force ? new String[] {"recover", capture, link.toString(), "--force"}
                    : new String[] {"recover", capture, link.toString()});
            assertThat(run.exitCode()).isEqualTo(2);
        }
        assertThat(wouldBeCreated).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void anIsolatedCrashsReproducerTakesTheNextNumberPastALink() throws Exception {
        Path crashes = Files.createDirectory(dir.resolve("crashes"));
        Path planted = Files.createSymbolicLink(crashes.resolve("fragile-crash-extract_fields-event1.scap"), victim);
        Path capture = dir.resolve("broken.scap");
        Manifest m = new Manifest("test", "", 0, List.of(new Manifest.PluginEntry("counter", "0.1.0", 9001,
                "counter", "3.0.0", "", "", "")));
        try (CaptureWriter w = CaptureWriter.create(capture, CaptureOptions.plain().withManifest(m))) {
            w.writePluginEvent(1000L, -1, 9001, new byte[4]); // fragile crashes on a payload under 8 bytes
        }
        CommandRun run = CommandRun.of("replay", "--isolate", "--crash-dir", crashes.toString(), "-r",
                capture.toString(), "-H", SamplePlugins.path("fragile").toString(), "-f", "fragile.first", "--text");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        Path next = crashes.resolve("fragile-crash-extract_fields-event1-2.scap");
        assertThat(run.err()).contains(next.toString());
        assertThat(Files.isRegularFile(next, LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (CaptureReader r = CaptureReader.open(next)) {
            assertThat(r.next().paramBytes(1)).hasSize(4);
        }
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        victimUntouched();
    }

    @Test
    void fuzzsReproducerAndPayloadFileSkipANumberWhoseBinIsALink() throws Exception {
        Path crashes = Files.createDirectory(dir.resolve("crashes"));
        // seed 1 finds garbage at execution 1 (the payloads depend only on the seed)
        Files.createSymbolicLink(crashes.resolve("fragile-garbage-extract_fields-exec1.bin"), victim);
        CommandRun run = CommandRun.of("fuzz", "-H", "fragile_anysource", "-t", "20", "--seed", "1", "--crash-dir",
                crashes.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode found = new ObjectMapper().readTree(run.out()).get("failures").get(0);
        assertThat(found.get("reproducer").asText())
                .isEqualTo(crashes.resolve("fragile-garbage-extract_fields-exec1-2.scap").toString());
        assertThat(found.get("payload_file").asText())
                .isEqualTo(crashes.resolve("fragile-garbage-extract_fields-exec1-2.bin").toString());
        assertThat(crashes.resolve("fragile-garbage-extract_fields-exec1.scap")).doesNotExist();
        victimUntouched();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}

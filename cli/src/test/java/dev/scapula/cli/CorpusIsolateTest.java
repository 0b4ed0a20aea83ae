package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --isolate} over a corpus: the sample plugin {@code fragile} crashes on a payload under 8
 * bytes and hangs on one that starts with "HANG!!!!"; each costs its capture only, which is reported
 * as that capture's error with the crash or hang, while the other captures are checked as usual.
 */
class CorpusIsolateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path capture(String name, int events, int badAt, byte[] bad) throws Exception {
        return CounterCaptures.write(dir.resolve("corpus").resolve(name), events, badAt, bad);
    }

    private static byte[] magic(String eight) {
        return CounterCaptures.magic(eight);
    }

    private static Map<String, JsonNode> byCapture(JsonNode report) {
        Map<String, JsonNode> out = new HashMap<>();
        report.get("captures").forEach(c -> out.put(c.get("capture").asText(), c));
        return out;
    }

    @Test
    void aCrashOrHangCostsItsCaptureOnlyAndTheRunExits2() throws Exception {
        Path broken = capture("a/broken.scap", 5, 3, new byte[4]);
        capture("a/fine.scap", 4, -1, null);
        Path hang = capture("b/hang.scap", 3, 2, magic("HANG!!!!"));
        capture("b/fine.scap", 7, -1, null);
        String fragile = SamplePlugins.path("fragile").toString();
        Path crashes = dir.resolve("crashes");

        CommandRun run = CommandRun.of("verify", "--corpus", dir.resolve("corpus").toString(), "-H", fragile,
                "--isolate", "--timeout-ms", "1000", "--crash-dir", crashes.toString(), "--json", "--jobs", "2");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        JsonNode report = JSON.readTree(run.out());
        Map<String, JsonNode> c = byCapture(report);
        assertThat(c).containsOnlyKeys("a/broken.scap", "a/fine.scap", "b/hang.scap", "b/fine.scap");
        assertThat(c.get("a/broken.scap").get("status").asText()).isEqualTo("ERROR");
        assertThat(c.get("a/broken.scap").get("error").asText()).contains(
                "fragile 0.1.0 crashed in plugin_extract_fields at event 3 of " + broken, "SIGSEGV",
                "payload: 4 bytes: 00 00 00 00", "reproducer: " + crashes.resolve(
                        "fragile-crash-extract_fields-event3.scap"));
        assertThat(c.get("b/hang.scap").get("status").asText()).isEqualTo("ERROR");
        assertThat(c.get("b/hang.scap").get("error").asText()).contains(
                "fragile 0.1.0 hung in plugin_extract_fields at event 2 of " + hang,
                "no return after 1000 ms (--timeout-ms)");
        // the captures beside them were checked in full, as verify -r of each alone would
        assertThat(c.get("a/fine.scap").get("status").asText()).isEqualTo("OK");
        assertThat(c.get("a/fine.scap").get("events").asLong()).isEqualTo(4);
        assertThat(c.get("b/fine.scap").get("status").asText()).isEqualTo("OK");
        assertThat(c.get("b/fine.scap").get("events").asLong()).isEqualTo(7);
        assertThat(c.get("b/fine.scap").get("report").get("field_values").get(0).get("with_value").asLong())
                .isEqualTo(7);
        JsonNode summary = report.get("summary");
        assertThat(summary.get("ok").asInt()).isEqualTo(2);
        assertThat(summary.get("errors").asInt()).isEqualTo(2);
        assertThat(summary.get("fields").get(0).get("captures_with_value").asInt()).isEqualTo(2);
        assertThat(summary.get("fields").get(0).get("events_with_value").asLong()).isEqualTo(11);
        assertThat(run.out() + run.err()).doesNotContain("A fatal error has been detected");
        try (Stream<Path> s = Files.list(crashes)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scap")).sorted())
                    .containsExactly("fragile-crash-extract_fields-event3.scap",
                            "fragile-hang-extract_fields-event2.scap");
        }
    }

    @Test
    void theNotesOnWhichPluginFilesLoadArePrintedOnceNotOncePerCapture() throws Exception {
        capture("one.scap", 3, -1, null);
        capture("two.scap", 4, -1, null);
        capture("three.scap", 5, -1, null);
        Path config = dir.resolve("falco.yaml");
        Files.writeString(config, "plugins:\n  - name: fragile\n    library_path: "
                + SamplePlugins.path("fragile") + "\nload_plugins: [fragile]\n");

        CommandRun run = CommandRun.of("verify", "--corpus", dir.resolve("corpus").toString(),
                "--plugin-config-file", config.toString(), "--isolate", "--crash-dir", dir.resolve("crashes").toString(),
                "--jobs", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the parent chose the plugins and said so; each capture's worker re-reads the same command line
        assertThat(run.err().split("plugin fragile loads", -1)).as(run.err()).hasSize(2);
    }

    @Test
    void theSameRunWithoutACrashGivesTheReportOfARunInOneProcess() throws Exception {
        capture("one.scap", 6, -1, null);
        capture("two/two.scap", 9, -1, null);
        String fragile = SamplePlugins.path("fragile").toString();
        String corpus = dir.resolve("corpus").toString();
        CommandRun isolated = CommandRun.of("verify", "--corpus", corpus, "-H", fragile, "--isolate", "--crash-dir",
                dir.resolve("crashes").toString(), "--json");
        CommandRun inProcess = CommandRun.of("verify", "--corpus", corpus, "-H", fragile, "--json");
        assertThat(isolated.exitCode()).as(isolated.err()).isZero();
        assertThat(JSON.readTree(isolated.out())).isEqualTo(JSON.readTree(inProcess.out()));
    }

    @Test
    void diffOverACorpusIsolatesEachCaptureToo() throws Exception {
        Path broken = capture("broken.scap", 5, 4, new byte[2]);
        capture("fine.scap", 5, -1, null);
        String fragile = SamplePlugins.path("fragile").toString();
        CommandRun diff = CommandRun.of("diff", "--old", fragile, "--new", fragile, "--corpus",
                dir.resolve("corpus").toString(), "--isolate", "--crash-dir", dir.resolve("crashes").toString(),
                "--jsonl");
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(2);
        List<String> lines = diff.out().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("capture").asText()).isEqualTo("broken.scap");
        assertThat(first.get("error").asText())
                .contains("fragile 0.1.0 crashed in plugin_extract_fields at event 4 of " + broken);
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("capture").asText()).isEqualTo("fine.scap");
        assertThat(second.get("status").asText()).isNotEqualTo("ERROR");
        assertThat(second.get("events").asLong()).isEqualTo(5);
    }
}

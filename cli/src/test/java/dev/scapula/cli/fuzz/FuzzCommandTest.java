package dev.scapula.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scapula fuzz} against the sample plugins: {@code fragile_anysource} (an extractor for any
 * source that crashes on payloads under 8 bytes and returns five values for a single-valued
 * field on 0xff-led ones) and {@code fields} (robust).
 */
class FuzzCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode fuzz(String... extra) throws Exception {
        String[] args = new String[extra.length + 2];
        args[0] = "fuzz";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[args.length - 1] = "--json";
        CommandRun run = CommandRun.of(args);
        JsonNode result = JSON.readTree(run.out());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(result.get("failures").isEmpty() ? 0 : 1);
        return result;
    }

    @Test
    void findsTheCrashAndTheGarbageInTheExtractorThatTrustsItsPayloadWithinTwentyRuns() throws Exception {
        // a budget in runs: the same executions however busy the machine, so the verdict cannot depend on its speed
        JsonNode r = fuzz("-H", "fragile_anysource", "--runs", "20", "--seed", "7", "--keep-going", "--crash-dir",
                dir.toString());

        JsonNode crash = failure(r, "CRASH");
        assertThat(crash.get("call").asText()).isEqualTo("plugin_extract_fields");
        assertThat(crash.get("detail").asText()).contains("SIGSEGV");
        // a crash on any payload under 8 bytes minimises to the empty one
        assertThat(crash.get("minimised_hex").asText()).isEmpty();
        Path repro = Path.of(crash.get("reproducer").asText());
        assertThat(repro.getParent()).isEqualTo(dir);
        try (CaptureReader reader = CaptureReader.open(repro)) {
            Event e = reader.next();
            assertThat(e.isPluginEvent()).isTrue();
            assertThat(e.asPluginEvent().pluginId()).isEqualTo(999);
            assertThat(reader.next()).isNull();
            assertThat(reader.manifest()).isPresent();
        }
        assertThat(Files.readAllBytes(Path.of(crash.get("payload_file").asText()))).isEmpty();

        JsonNode garbage = failure(r, "GARBAGE");
        assertThat(garbage.get("detail").asText()).contains("returned 5 values for fragile.first");
        // the plugin looks at the first byte and needs 8: nothing shorter or without the 0xff fails alike
        assertThat(garbage.get("minimised_hex").asText()).startsWith("ff").hasSize(16);
        assertThat(Path.of(garbage.get("reproducer").asText())).exists();
        assertThat(r.get("executions").asLong()).as("every run was made, the failing ones included").isEqualTo(20);
        assertThat(r.get("runs").asLong()).isEqualTo(20);
        assertThat(r.has("seconds")).isFalse();
    }

    private static JsonNode failure(JsonNode result, String kind) {
        for (JsonNode f : result.get("failures")) {
            if (f.get("kind").asText().equals(kind)) {
                return f;
            }
        }
        throw new AssertionError("no " + kind + " in " + result);
    }

    @Test
    void theSameSeedFindsTheSameFailureAtTheSameExecution() throws Exception {
        JsonNode a = fuzz("-H", "fragile_anysource", "--runs", "20", "--seed", "7", "--crash-dir",
                dir.resolve("a").toString());
        JsonNode b = fuzz("-H", "fragile_anysource", "--runs", "20", "--seed", "7", "--crash-dir",
                dir.resolve("b").toString());

        assertThat(a.get("failures")).hasSize(1);
        JsonNode fa = a.get("failures").get(0);
        JsonNode fb = b.get("failures").get(0);
        assertThat(fb.get("execution")).isEqualTo(fa.get("execution"));
        assertThat(fb.get("payload_hex")).isEqualTo(fa.get("payload_hex"));
        assertThat(fb.get("minimised_hex")).isEqualTo(fa.get("minimised_hex"));
    }

    @Test
    void aRobustExtractorRunsTheExecutionsGivenAndExitsZero() throws Exception {
        JsonNode r = fuzz("-H", "fields", "--runs", "5000", "--seed", "3", "--crash-dir", dir.toString());

        assertThat(r.get("failures")).isEmpty();
        assertThat(r.get("executions").asLong()).isEqualTo(5000);
        assertThat(r.get("workers").asLong()).isEqualTo(1);
        assertThat(r.get("executions_per_second").asLong()).isPositive();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void withoutASeedOneIsChosenAndPrintedSoTheRunCanBeRepeated() throws Exception {
        JsonNode r = fuzz("-H", "fields", "--runs", "100", "--crash-dir", dir.toString());
        long seed = r.get("seed").asLong();
        assertThat(seed).isNotNegative();
        assertThat(r.get("executions").asLong()).isEqualTo(100);

        CommandRun text = CommandRun.of("fuzz", "-H", "fields", "--runs", "100", "--seed", Long.toString(seed),
                "--crash-dir", dir.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains(": 100 runs, seed " + seed + ",", "executions: 100 (", "no failure found");
    }

    @Test
    void aTimeAndARunBudgetTogetherAreAUsageError() {
        CommandRun run = CommandRun.of("fuzz", "-H", "fields", "-t", "5", "--runs", "10");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("-t SECONDS or --runs N, not both");
    }

    @Test
    void aPluginWithoutPluginEventSourcesIsAUsageError() {
        CommandRun run = CommandRun.of("fuzz", "-H", "counter", "-t", "1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("nothing to fuzz");
    }
}

package dev.scapula.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.cli.CommandRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fuzz's --seed-capture and --source-of from the command line: real payloads seed the run. */
class FuzzSeedOptionsTest {
    @TempDir
    Path dir;

    private static JsonNode json(CommandRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    /**
     * fragile hangs on a payload that starts with "HANG!!!!", which random payloads practically
     * never do (a chance of 2^-64): a hang whose payload starts so came from the seed capture. The
     * seed only picks a run whose first execution mutates a seed (found by trying seeds, not
     * computed here), so the run stops at once instead of minimising other failures first.
     */
    @Test
    void aSeedCapturesPayloadsAreMutatedIntoTheRun() throws Exception {
        Path seeds = dir.resolve("seeds.scap");
        byte[] payload = new byte[64];
        System.arraycopy("HANG!!!!".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 8);
        for (int i = 8; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        try (CaptureWriter w = CaptureWriter.create(seeds, CaptureOptions.plain())) {
            w.writePluginEvent(1_700_000_000_000_000_000L, -1, 9001, payload);
        }
        CommandRun run = CommandRun.of("fuzz", "-H", "fragile", "--seed-capture", seeds.toString(), "--seed", "5",
                "-t", "5", "--timeout-ms", "300", "--json", "--crash-dir", dir.resolve("crashes").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode failure = json(run).get("failures").get(0);
        assertThat(failure.get("kind").asText()).isEqualTo("HANG");
        assertThat(failure.get("payload_hex").asText()).startsWith(HexFormat.of().formatHex("HANG!!!!".getBytes(
                StandardCharsets.US_ASCII)));
        assertThat(failure.get("minimised_hex").asText()).startsWith("48414e4721212121");
    }

    @Test
    void anExtractorOfEverySourceIsFuzzedUnderTheSourceOfSourceOf() throws Exception {
        CommandRun standIn = CommandRun.of("fuzz", "-H", "fields_anysource", "-t", "1", "--seed", "1", "--json",
                "--crash-dir", dir.toString());
        assertThat(standIn.exitCode()).as(standIn.err()).isZero();
        assertThat(json(standIn).get("sources").toString()).isEqualTo("[\"scapula_fuzz (id 999)\"]");
        CommandRun counter = CommandRun.of("fuzz", "-H", "fields_anysource", "--source-of", "counter",
                "--open-params", "count=10;size=16", "-t", "1", "--seed", "1", "--json", "--crash-dir", dir.toString());
        assertThat(counter.exitCode()).as(counter.err()).isZero();
        JsonNode result = json(counter);
        assertThat(result.get("sources").toString()).isEqualTo("[\"counter (id 9001)\"]");
        assertThat(result.get("failures")).isEmpty();
    }

    @Test
    void aSourceOfThatCannotOpenIsAUsageError() {
        CommandRun run = CommandRun.of("fuzz", "-H", "fields_anysource", "--source-of", "counter", "--open-params",
                "count=many", "-t", "1", "--seed", "1", "--crash-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("count must be a number");
    }
}

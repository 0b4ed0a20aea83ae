package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoAndCatCommandTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;
    Path capture;

    @BeforeEach
    void writeCapture() throws Exception {
        capture = dir.resolve("sample.scap.gz");
        Manifest m = new Manifest("scapula", "test", T0, List.of(new Manifest.PluginEntry("counter", "1.2.3", 9001,
                "counter", "3.0.0", "", "count=3", "00".repeat(32))));
        try (CaptureWriter w = CaptureWriter.create(capture,
                CaptureOptions.plain().withCompression(Compression.GZIP).withManifest(m))) {
            w.writeAsyncEvent(-1L, -1L, 0, "counter_state", "{\"n\":0}\0".getBytes(StandardCharsets.UTF_8));
            w.writePluginEvent(T0, -1L, 9001, "hello".getBytes(StandardCharsets.UTF_8));
            w.writePluginEvent(T0 + 1_500_000_000L, -1L, 9001, new byte[] {0, 1, 2, (byte) 0xff});
            w.writeAsyncEvent(T0 + 2_000_000_000L, -1L, 9001, "counter_tick", "t".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void infoCountsEventsByTypePluginAndAsyncNameAndShowsTheManifest() throws Exception {
        CommandRun run = CommandRun.of("info", "--json", capture.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = json.readTree(run.out());
        assertThat(s.get("format").asText()).isEqualTo("scap 1.2");
        assertThat(s.get("compression").asText()).isEqualTo("gzip");
        assertThat(s.get("events").asLong()).isEqualTo(4);
        assertThat(s.get("events_by_type").get("pluginevent (322)").asLong()).isEqualTo(2);
        assertThat(s.get("events_by_type").get("asyncevent (402)").asLong()).isEqualTo(2);
        assertThat(s.get("async_events_by_name").get("counter_tick").asLong()).isEqualTo(1);
        assertThat(s.get("async_events_by_name").get("counter_state").asLong()).isEqualTo(1);
        JsonNode counter = s.get("events_by_plugin").get(1);
        assertThat(counter.get("plugin_id").asLong()).isEqualTo(9001);
        assertThat(counter.get("source").asText()).isEqualTo("counter");
        assertThat(counter.get("plugin_events").asLong()).isEqualTo(2);
        assertThat(counter.get("async_events").asLong()).isEqualTo(1);
        assertThat(s.get("manifest").get("plugins").get(0).get("version").asText()).isEqualTo("1.2.3");
        assertThat(s.get("duration_nanos").asLong()).isEqualTo(2_000_000_000L);
        assertThat(s.get("unset_timestamps").asLong()).isEqualTo(1);
        assertThat(s.get("blocks").get("SCAPULA_MANIFEST(0x8CA90001)").asLong()).isEqualTo(1);
        assertThat(s.has("damage")).isFalse();

        CommandRun text = CommandRun.of("info", capture.toString());
        assertThat(text.out()).contains("Compression:           gzip", "Events:                4",
                "plugin:              counter 1.2.3 (id 9001, source counter", "Duration:              2.000 s", "Damage:                none");
    }

    @Test
    void catPrintsJsonLinesWithTextOrBase64Payloads() throws Exception {
        CommandRun run = CommandRun.of("cat", capture.toString());
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        JsonNode state = json.readTree(lines.get(0));
        assertThat(state.get("async_name").asText()).isEqualTo("counter_state");
        assertThat(state.get("payload").asText()).isEqualTo("{\"n\":0}");
        assertThat(state.get("payload_encoding").asText()).isEqualTo("text+nul");
        assertThat(state.has("time")).isFalse();
        JsonNode hello = json.readTree(lines.get(1));
        assertThat(hello.get("num").asLong()).isEqualTo(2);
        assertThat(hello.get("type").asInt()).isEqualTo(322);
        assertThat(hello.get("plugin_id").asLong()).isEqualTo(9001);
        assertThat(hello.get("tid").asLong()).isEqualTo(-1);
        assertThat(hello.get("time").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(hello.get("payload").asText()).isEqualTo("hello");
        JsonNode binary = json.readTree(lines.get(2));
        assertThat(binary.get("payload_encoding").asText()).isEqualTo("base64");
        assertThat(binary.get("payload").asText()).isEqualTo("AAEC/w==");
    }

    @Test
    void catSelectsEventsWithFromAndCountAndPrintsSysdigLikeText() {
        CommandRun run = CommandRun.of("cat", "--text", "--from", "2", "-n", "2", "-r", capture.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "2 22:13:20.000000000 0 (-1) > pluginevent plugin_id=9001 event_data=hello",
                "3 22:13:21.500000000 0 (-1) > pluginevent plugin_id=9001 event_data=b64:AAEC/w==");
    }

    @Test
    void catReadsStandardInput() throws Exception {
        CommandRun run = CommandRun.withInput(new ByteArrayInputStream(Files.readAllBytes(capture)), "cat", "-");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(4);
    }

    @Test
    void aTruncatedFileIsShownUpToTheDamageAndExitsTwo() throws Exception {
        Path plain = dir.resolve("plain.scap");
        try (CaptureWriter w = CaptureWriter.create(plain, CaptureOptions.plain())) {
            for (int i = 0; i < 5; i++) {
                w.writePluginEvent(T0 + i, -1, 9001, new byte[8]);
            }
        }
        byte[] b = Files.readAllBytes(plain);
        Path cut = dir.resolve("cut.scap");
        Files.write(cut, Arrays.copyOf(b, b.length - 10));
        CommandRun cat = CommandRun.of("cat", cut.toString());
        assertThat(cat.exitCode()).isEqualTo(2);
        assertThat(cat.out().lines()).hasSize(4);
        assertThat(cat.err()).contains(cut.toString(), "truncated at byte", "4 complete events read");
        CommandRun info = CommandRun.of("info", "-j", cut.toString());
        assertThat(info.exitCode()).isEqualTo(2);
        assertThat(json.readTree(info.out()).get("damage").get("kind").asText()).isEqualTo("truncated");
        assertThat(json.readTree(info.out()).get("events").asLong()).isEqualTo(4);
    }

    @Test
    void infoNamesTheFirstEventOutOfTimeOrderWhichLibscapReadsAsIs() throws Exception {
        Path shuffled = dir.resolve("shuffled.scap");
        long[] times = {T0, T0 + 10, T0 + 5, T0 + 20, T0 + 1};
        try (CaptureWriter w = CaptureWriter.create(shuffled, CaptureOptions.plain())) {
            for (long t : times) {
                w.writePluginEvent(t, -1, 9001, new byte[8]);
            }
        }
        // SHB (28) and MI (192), then 60-byte event blocks: event #3's block starts at 220 + 2 * 60.
        int third = 340;
        CommandRun run = CommandRun.of("info", "--json", shuffled.toString());
        assertThat(run.exitCode()).as("events out of order are not damage").isZero();
        JsonNode s = json.readTree(run.out());
        assertThat(s.get("out_of_order_timestamps").asLong()).isEqualTo(2);
        assertThat(s.get("first_out_of_order_event").asLong()).isEqualTo(3);
        assertThat(s.get("first_out_of_order_offset").asLong()).isEqualTo(third);
        assertThat(s.get("events").asLong()).isEqualTo(5);
        CommandRun text = CommandRun.of("info", shuffled.toString());
        assertThat(text.out()).contains("Out of order:          2 events out of time order (earlier than the event "
                + "before), first at event #3 (byte " + third + ")");
        assertThat(CommandRun.of("info", "--json", capture.toString()).out()).doesNotContain("out_of_order_event");
    }

    @Test
    void usageErrorsAndMissingFilesExitTwoWithoutAStackTrace() {
        CommandRun bad = CommandRun.of("cat", "--no-such-flag", capture.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option");
        CommandRun missing = CommandRun.of("info", dir.resolve("missing.scap").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.scap: no such file").doesNotContain("\tat ");
    }
}

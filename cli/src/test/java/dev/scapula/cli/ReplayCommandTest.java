package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordThenReplayPrintsFieldValuesAsJsonLines() throws Exception {
        Path capture = dir.resolve("c.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=50;size=16", "-w", capture.toString()).exitCode())
                .isZero();
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-f", "fields.seq", "-f",
                "fields.divisors", "-f", "fields.byte[9]", "-f", "fields.byte[99]");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(50);
        JsonNode e = new ObjectMapper().readTree(lines.get(6));
        assertThat(e.get("evt.num").asLong()).isEqualTo(7);
        assertThat(e.get("evt.source").asText()).isEqualTo("counter");
        assertThat(e.get("fields.seq").asLong()).isEqualTo(6);
        assertThat(e.get("fields.divisors").toString()).isEqualTo("[1,2,3,6]");
        assertThat(e.get("fields.byte[9]").asLong()).isEqualTo(15);
        assertThat(e.get("fields.byte[99]").isNull()).isTrue();
    }

    @Test
    void unknownPluginIdsAreAnErrorListingThem() throws Exception {
        Path capture = dir.resolve("anon.scap");
        try (var w = dev.scapula.capture.write.CaptureWriter.create(capture,
                dev.scapula.capture.write.CaptureOptions.plain())) {
            w.writePluginEvent(1, -1, 4242, new byte[16]);
        }
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no source known for plugin id 4242 (1 events)", "fields (no source)");
        assertThat(CommandRun.of("replay", "--allow-unknown", "-r", capture.toString(), "-H", "fields").exitCode())
                .isZero();
    }

    @Test
    void manyEventsComeOutOncePerEventInCaptureOrderAsJsonAndText() throws Exception {
        // more events than a few of the printing thread's batches, and not a whole number of them
        int events = 1_300;
        Path capture = dir.resolve("many.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=" + events, "-w", capture.toString()).exitCode())
                .isZero();
        CommandRun json = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-f", "fields.seq");
        assertThat(json.exitCode()).as(json.err()).isZero();
        List<String> lines = json.out().lines().toList();
        assertThat(lines).hasSize(events);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < events; i++) {
            JsonNode e = mapper.readTree(lines.get(i));
            assertThat(e.get("fields.seq").asLong()).as("line %d", i).isEqualTo(i);
            assertThat(e.get("evt.num").asLong()).as("line %d", i).isEqualTo(i + 1);
        }
        CommandRun text = CommandRun.of("replay", "--text", "-r", capture.toString(), "-H", "fields", "-f",
                "fields.seq");
        assertThat(text.exitCode()).as(text.err()).isZero();
        List<String> textLines = text.out().lines().toList();
        assertThat(textLines).hasSize(events);
        for (int i = 0; i < events; i++) {
            assertThat(textLines.get(i)).as("line %d", i).startsWith((i + 1) + " ").endsWith(" fields.seq=" + i);
        }
    }

    @Test
    void aCutCaptureStillPrintsEveryCompleteEventBeforeTheError() throws Exception {
        Path capture = dir.resolve("whole.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=3000", "-w", capture.toString()).exitCode())
                .isZero();
        byte[] bytes = Files.readAllBytes(capture);
        Path cut = Files.write(dir.resolve("cut.scap"),
                Arrays.copyOf(bytes, bytes.length * 2 / 3));
        CommandRun run = CommandRun.of("replay", "-r", cut.toString(), "-H", "fields", "-f", "fields.seq");
        assertThat(run.exitCode()).isEqualTo(2);
        Matcher m = Pattern.compile("(\\d+) complete events read").matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(Integer.parseInt(m.group(1))).hasSizeGreaterThan(1000);
        assertThat(new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("fields.seq").asLong())
                .isEqualTo(lines.size() - 1);
    }
}

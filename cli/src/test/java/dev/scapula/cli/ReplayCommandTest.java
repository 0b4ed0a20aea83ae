package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
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
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.interop.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsTheBundledCounterAndInfoShowsItsManifest() throws Exception {
        Path out = dir.resolve("counter.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=2500;size=32", "-w", out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("recorded 2,500 events", "stopped: end of events (EOF)");
        JsonNode info = new ObjectMapper().readTree(CommandRun.of("info", "-j", out.toString()).out());
        assertThat(info.get("events").asLong()).isEqualTo(2500);
        assertThat(info.get("manifest").get("plugins").get(0).get("name").asText()).isEqualTo("counter");
        assertThat(info.get("events_by_plugin").get(0).get("source").asText()).isEqualTo("counter");
    }

    @Test
    void sysdigReadsWhatWeRecord() throws Exception {
        ExternalTool.require("sysdig");
        Path out = dir.resolve("counter.scap.gz");
        assertThat(CommandRun.of("record", "-z", "-I", "counter:count=777", "-w", out.toString()).exitCode()).isZero();
        List<String> lines = ExternalTool.run("sysdig", "-r", out.toString());
        assertThat(lines).hasSize(777);
    }

    @Test
    void refusesToOverwriteWithoutForceAndReportsPluginErrors() throws Exception {
        Path out = dir.resolve("x.scap");
        Files.writeString(out, "precious");
        CommandRun again = CommandRun.of("record", "-I", "counter", "-w", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists; give --force");
        assertThat(Files.readString(out)).isEqualTo("precious");
        CommandRun bad = CommandRun.of("record", "--force", "-I", "counter:batch=0", "-w", out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("counter: plugin_open returned SS_PLUGIN_FAILURE", "batch 1..65536");
    }

    @Test
    void companionPluginsAddDumpedStateAndAsyncEventsThatVerifyReplays() throws Exception {
        Path out = dir.resolve("async.scap");
        // The plugin's 5 ticks paced by events, one per 5,000 parsed: all are sent before the source ends,
        // however slow the machine (ticks paced by time could come after a fast recording ended).
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=40000", "-H",
                "stateful:{\"tick_every\": 5000}", "-w", out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("recorded 40,000 events and 5 async events (0 lost)");
        JsonNode info = new ObjectMapper().readTree(CommandRun.of("info", "-j", out.toString()).out());
        assertThat(info.get("async_events_by_name").get("counter_state").asLong()).isEqualTo(1);
        assertThat(info.get("async_events_by_name").get("counter_tick").asLong()).isEqualTo(5);
        CommandRun verify = CommandRun.of("verify", "-r", out.toString(), "-H", "stateful", "-H", "fields");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("40,006 plugin events");
    }

    @Test
    void rotatesByEventCountIntoFilesThatEachReplayAloneInSysdigToo() throws Exception {
        Path base = dir.resolve("rot.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=1200;size=16", "-e", "500", "-w",
                base.toString(), "-H", "stateful:{\"ticks\": 0}");
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("recorded 1,200 events", "to 3 files (" + base + "0 ... " + base + "2)");
        for (int i = 0; i < 3; i++) {
            Path f = Path.of(base + "" + i);
            JsonNode info = new ObjectMapper().readTree(CommandRun.of("info", "-j", f.toString()).out());
            assertThat(info.get("manifest").get("plugins").get(0).get("name").asText()).isEqualTo("counter");
            assertThat(info.get("async_events_by_name").get("counter_state").asLong()).as(f.toString()).isEqualTo(1);
            assertThat(info.get("events").asLong()).as(f.toString()).isEqualTo(i < 2 ? 501 : 201);
        }
        assertThat(Files.exists(base)).isFalse();
        ExternalTool.require("sysdig");
        assertThat(ExternalTool.run("sysdig", "-r", base + "2")).hasSizeGreaterThanOrEqualTo(200);
    }

    @Test
    void refusesARingWithoutARotationLimitAndAnUnknownStrftimeConversion() {
        CommandRun ring = CommandRun.of("record", "-I", "counter", "-W", "3", "-w", dir.resolve("r.scap").toString());
        assertThat(ring.exitCode()).isEqualTo(2);
        assertThat(ring.err()).contains("-W", "needs -C, -G or -e");
        CommandRun pattern = CommandRun.of("record", "-I", "counter", "-G", "10", "-w",
                dir.resolve("r-%Q.scap").toString());
        assertThat(pattern.exitCode()).isEqualTo(2);
        assertThat(pattern.err()).contains("%Q", "not supported");
        CommandRun flush = CommandRun.of("record", "-I", "counter", "--flush-ms", "-5", "-w",
                dir.resolve("f.scap").toString());
        assertThat(flush.exitCode()).isEqualTo(2);
        assertThat(flush.err()).contains("--flush-ms");
    }

    @Test
    void theManifestNamesTheCompanionsSoAReplayCanLoadThemAgain() throws Exception {
        Path out = dir.resolve("with-companions.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=30", "-H", "stateful:{\"ticks\":0}", "-H",
                "fields", "-w", out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        JsonNode plugins = new ObjectMapper().readTree(CommandRun.of("info", "-j", out.toString()).out())
                .get("manifest").get("plugins");
        assertThat(plugins).hasSize(3);
        assertThat(plugins.get(1).get("name").asText()).isEqualTo("stateful");
        assertThat(plugins.get(1).get("init_config").asText()).isEqualTo("{\"ticks\":0}");
        assertThat(plugins.get(2).get("name").asText()).isEqualTo("fields");
        assertThat(plugins.get(2).get("sha256").asText()).hasSize(64);
        CommandRun replay = CommandRun.of("replay", "--text", "-r", out.toString(), "--plugins-from-manifest",
                "-f", "stateful.seen", "-f", "fields.seq");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out().lines().reduce((a, b) -> b).orElseThrow())
                .contains("stateful.seen=30", "fields.seq=29");
    }

    @Test
    void aFalcoYamlGivesTheSourceItsOpenParamsAndTheCompanions() throws Exception {
        Path yaml = dir.resolve("falco.yaml");
        Files.writeString(yaml, String.join("\n",
                "plugins:",
                "  - name: stateful",
                "    library_path: libstateful.so",
                "    init_config: {ticks: 0}",
                "  - name: counter",
                "    library_path: libcounter.so",
                "    open_params: \"count=40;size=16\"",
                "load_plugins: [counter, stateful]",
                ""));
        Path out = dir.resolve("yaml.scap");
        CommandRun rec = CommandRun.of("record", "--plugin-config-file", yaml.toString(), "-w", out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("recorded 40 events");
        JsonNode plugins = new ObjectMapper().readTree(CommandRun.of("info", "-j", out.toString()).out())
                .get("manifest").get("plugins");
        assertThat(plugins.get(0).get("name").asText()).isEqualTo("counter");
        assertThat(plugins.get(0).get("open_params").asText()).isEqualTo("count=40;size=16");
        assertThat(plugins.get(1).get("init_config").asText()).isEqualTo("{\"ticks\":0}");
        CommandRun none = CommandRun.of("record", "-w", dir.resolve("none.scap").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give the source plugin with -I");
    }
}

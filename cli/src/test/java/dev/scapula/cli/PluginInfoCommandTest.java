package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.SharedFiles;
import dev.scapula.capture.SinspBaseline;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginInfoCommandTest {
    @Test
    void describesTheBundledCounterPluginByName() {
        CommandRun run = CommandRun.of("plugin-info", "counter");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Name:                  counter", "ID:                    9001",
                "Event source:          counter", "Capabilities:          sourcing",
                "Required API version:  3.0.0 (this host implements 3.12.0)", "count=1000;size=64");
    }

    @Test
    void printsJsonAndFindsPluginsInAPluginDir(@TempDir Path dir) throws Exception {
        Files.copy(SamplePlugins.path("counter"), dir.resolve("libmycounter.so"));
        CommandRun run = CommandRun.of("plugin-info", "--json", "--plugin-dir", dir.toString(), "mycounter");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(run.out());
        assertThat(n.get("path").asText()).isEqualTo(dir.resolve("libmycounter.so").toString());
        assertThat(n.get("id").asLong()).isEqualTo(9001);
        assertThat(n.get("open_params").get(0).get("value").asText()).isEqualTo("count=1000;size=64");
    }

    @Test
    void anUnknownPluginExitsTwoSayingWhereItLooked(@TempDir Path dir) {
        CommandRun run = CommandRun.of("plugin-info", "--plugin-dir", dir.toString(), "nosuch");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no plugin named nosuch", dir.resolve("libnosuch.so").toString());
    }

    @Test
    void showsEventTypesTablesAndTheFieldTableAfterInit() {
        CommandRun run = CommandRun.of("plugin-info", "stateful");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Parse event types:     322, 402", "State tables:          counter_parity",
                "Async events:          counter_tick, counter_state", "| `stateful.seen` | `uint64` | no | none |");
    }

    @Test
    void fieldArgumentsAreWhatLibsinspLoads() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (String file : new String[] {"libdummy.so", "libk8saudit.so", "libjson.so"}) {
            Path plugin = SharedFiles.plugin(file);
            CommandRun run = CommandRun.of("plugin-info", "--json", plugin.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode ours = mapper.readTree(run.out()).get("fields");
            JsonNode sinsp = SinspBaseline.fields(plugin).get("fields");
            assertThat(ours).as(file).hasSameSizeAs(sinsp);
            for (int i = 0; i < sinsp.size(); i++) {
                // libsinsp's field flags: 0x4 argument required, 0x80 allowed, 0x100 an index, 0x200 a key.
                int flags = sinsp.get(i).get("flags").asInt();
                String expected = (flags & 0x80) == 0 ? "" : ((flags & 0x4) != 0 ? "required " : "optional ")
                        + ((flags & 0x100) != 0 ? "index" : "key");
                assertThat(ours.get(i).get("name").asText()).isEqualTo(sinsp.get(i).get("name").asText());
                assertThat(ours.get(i).get("arg").asText()).as("%s %s", file, sinsp.get(i).get("name"))
                        .isEqualTo(expected);
            }
        }
        CommandRun text = CommandRun.of("plugin-info", SharedFiles.plugin("libdummy.so").toString());
        assertThat(text.out()).contains("| `dummy.value` | `uint64` | no | none |",
                "| `dummy.divisible` | `uint64` | no | required index |");
    }

    @Test
    void anExtractOnlyPluginShowsNoIdNorSource() throws Exception {
        // The Go SDK exports plugin_get_id (999) from extract-only plugins; libsinsp reads no id there.
        Path plugin = SharedFiles.plugin("libsdkgo_extractor.so");
        assertThat(SinspBaseline.fields(plugin).get("id").asLong()).isZero();
        CommandRun json = CommandRun.of("plugin-info", "--json", plugin.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(json.out());
        // The JSON leaves out what a plugin does not have, as it does for a missing init schema.
        assertThat(n.has("id")).as(json.out()).isFalse();
        assertThat(n.has("event_source")).as(json.out()).isFalse();
        CommandRun text = CommandRun.of("plugin-info", plugin.toString());
        assertThat(text.out()).contains("Capabilities:          extraction").doesNotContain("ID:", "999",
                "Event source:");
    }
}

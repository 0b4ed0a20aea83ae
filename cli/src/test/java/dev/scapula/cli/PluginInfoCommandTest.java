package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}

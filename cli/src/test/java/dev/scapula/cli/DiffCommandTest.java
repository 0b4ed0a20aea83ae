package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @TempDir
    Path dir;
    String capture;

    @BeforeEach
    void record() {
        capture = dir.resolve("c.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=100", "-w", capture).exitCode()).isZero();
    }

    @Test
    void anUnderstatedBumpExitsOneAndSaysWhy() {
        CommandRun run = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_0_1_wrong", capture);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("versioned.seq: 100 events changed", "event 1: [0] -> [1]",
                "the change needs a major bump; 1.0.0 -> 1.0.1 is a patch bump: UNDERSTATED (ERROR)");
    }

    @Test
    void aRightBumpExitsZeroAndJsonCarriesTheVerdict() throws Exception {
        CommandRun run = CommandRun.of("diff", "--json", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0",
                capture);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.get("required").asText()).isEqualTo("MINOR");
        assertThat(r.get("made").asText()).isEqualTo("MINOR");
        assertThat(r.get("schema_changes").get(0).get("field").asText()).isEqualTo("versioned.size");
        CommandRun allowed = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_0_1_wrong",
                "--allow-value-change", "versioned.seq", "--allow-value-change", "versioned.parity", capture);
        assertThat(allowed.exitCode()).isZero();
    }
}

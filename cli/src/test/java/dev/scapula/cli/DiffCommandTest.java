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

    @Test
    void theHtmlReportRendersInHeadlessChromiumWithItsChart() throws Exception {
        dev.scapula.capture.interop.ExternalTool.require("chromium");
        Path html = dir.resolve("diff.html");
        CommandRun run = CommandRun.of("diff", "--html", html.toString(), "--old", "versioned_1_0_0", "--new",
                "versioned_2_0_0", capture);
        assertThat(run.exitCode()).as(run.err()).isZero();
        // --dump-dom prints the DOM after the page's scripts ran: the chart exists only if they did.
        String dom = String.join("\n", dev.scapula.capture.interop.ExternalTool.run("chromium", "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + dir.resolve("profile"),
                "--dump-dom", html.toUri().toString()));
        assertThat(dom).contains("<h1>scapula diff versioned 1.0.0 → 2.0.0</h1>",
                "The change needs a major bump; 1.0.0 → 2.0.0 is a major bump: OK",
                "<td><code>versioned.size</code></td><td>added</td>");
        // versioned.seq changed on all 100 events: a full-length bar; the chart's label says so.
        assertThat(dom).containsPattern("<rect [^>]*width=\"400\"[^>]*data-field=\"versioned.seq\"")
                .contains("100 (100%)");
    }

    @Test
    void aMisspeltAllowedFieldIsAUsageErrorNamingTheClosest() {
        CommandRun run = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_0_1_wrong",
                "--allow-value-change", "versioned.seq", "--allow-value-change", "versioned.partiy", capture);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--allow-value-change versioned.partiy: no loaded plugin (versioned) "
                + "has a field named versioned.partiy; did you mean versioned.parity?");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theValuesPerFieldAreCountedAndADiffThatComparedNothingExitsOne() throws Exception {
        CommandRun run = CommandRun.of("diff", "--json", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0",
                capture);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.get("field_values").toString()).isEqualTo("[{\"field\":\"versioned.seq\",\"old_version\":100,"
                + "\"new_version\":100},{\"field\":\"versioned.parity\",\"old_version\":100,\"new_version\":100}]");
        assertThat(r.has("nothing_compared")).isFalse();
        String empty = dir.resolve("empty.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=0", "-w", empty).exitCode()).isZero();
        CommandRun nothing = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0", empty);
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.out()).contains("ERROR nothing compared: the captures have no plugin events");
    }
}

package dev.scapula.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.scapula.cli.CommandRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scapula lint from the command line: exit codes, text, JSON lines and a SARIF file that validates. */
class LintCommandTest {
    @TempDir
    Path dir;

    @Test
    void aCleanPluginExitsZeroAndABrokenOneOne() {
        CommandRun clean = CommandRun.of("lint", "lint_clean");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("NOTE    identity/unregistered", "0 errors", "OK to release");
        CommandRun broken = CommandRun.of("lint", "lint_sloppy");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("ERROR   meta/semver: version \"1.0\" is not MAJOR.MINOR.PATCH",
                "        fix: return a semantic version", "NOT ready to release");
    }

    @Test
    void aBundledSampleIsNamedByNameSoTheReproduceCommandWorksAfterThisRun() {
        // run from the jar, a bundled sample is a temporary copy deleted at exit: its path would be a dead end
        CommandRun run = CommandRun.of("lint", "--fuzz-runs", "3", "fragile_anysource");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("reproduce: scapula fuzz -H fragile_anysource --runs 3 --seed 1 --keep-going");
        CommandRun again = CommandRun.of("fuzz", "-H", "fragile_anysource", "--runs", "3", "--seed", "1",
                "--keep-going", "--crash-dir", dir.toString());
        assertThat(again.exitCode()).as(again.err()).isEqualTo(1);
    }

    @Test
    void jsonIsOneObjectPerPlugin() throws Exception {
        CommandRun run = CommandRun.of("lint", "--json", "lint_clean", "lint_old_api");
        assertThat(run.exitCode()).isEqualTo(1);
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode old = new ObjectMapper().readTree(lines[1]);
        assertThat(old.get("name").asText()).isEqualTo("lint_old_api");
        assertThat(old.get("errors").asInt()).isEqualTo(2);
        assertThat(old.get("findings").get(0).get("rule").asText()).isEqualTo("api/symbols-newer-than-declared");
    }

    @Test
    void theSarifFileValidatesAgainstTheSarif210Schema() throws Exception {
        Path sarif = dir.resolve("lint.sarif");
        CommandRun run = CommandRun.of("lint", "--sarif", sarif.toString(), "lint_sloppy", "lint_clean");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode log = new ObjectMapper().readTree(Files.readString(sarif));
        JsonSchema schema;
        try (InputStream in = LintCommandTest.class.getResourceAsStream("/json/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF schema from the sarif4j test dependency").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        assertThat(schema.validate(log)).isEmpty();
        JsonNode results = log.get("runs").get(0).get("results");
        assertThat(results.get(0).get("level").asText()).isEqualTo("error");
        assertThat(results.get(0).get("locations").get(0).get("physicalLocation").get("artifactLocation")
                .get("uri").asText()).contains("lint_sloppy").endsWith(".so");
        // every rule lint has, written down: code scanning shows a rule only when the
        // driver lists it, so one missing from the list would be a finding without its description
        java.util.List<String> ids = new java.util.ArrayList<>();
        log.get("runs").get(0).get("tool").get("driver").get("rules").forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(
                "api/version-format", "api/major", "api/newer-than-host", "api/loads-in",
                "api/symbols-newer-than-declared", "identity/id-and-source", "identity/reserved-source",
                "identity/test-id", "identity/registered-id", "identity/registry-mismatch", "identity/shared-source",
                "identity/unregistered", "meta/capabilities", "meta/semver", "meta/contact", "meta/description",
                "meta/init-schema", "fields/unique", "fields/prefix", "fields/description", "fields/type",
                "fields/args", "fields/properties", "fields/display", "fields/event-types", "behaviour/determinism",
                "behaviour/extraction-changes-state", "behaviour/no-dump-state", "behaviour/errors",
                "behaviour/nothing-compared", "behaviour/arbitrary-payloads", "release/semver",
                "release/nothing-compared", "release/old-captures");
    }

    @Test
    void aFileThatIsNotAPluginExitsTwo() throws Exception {
        Path junk = dir.resolve("junk.so");
        Files.writeString(junk, "not a library");
        CommandRun run = CommandRun.of("lint", junk.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("junk.so: not a shared library (ELF): it starts with 6e 6f 74 20");
    }

    @Test
    void aRegistryFileReplacesTheSnapshot() throws Exception {
        Path registry = dir.resolve("registry.tsv");
        Files.writeString(registry, "# my registry\n42\tlint_clean\tlintbait\tsourcing\n");
        CommandRun run = CommandRun.of("lint", "--registry", registry.toString(), "lint_clean");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR   identity/registry-mismatch: \"lint_clean\" is registered with ID 42, "
                + "the plugin returns 9100").doesNotContain("identity/unregistered");
        Files.writeString(registry, "x\tlint_clean\tlintbait\n");
        CommandRun bad = CommandRun.of("lint", "--registry", registry.toString(), "lint_clean");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("registry.tsv: an ID is not a number");
    }

    @Test
    void upstreamsRegistryYamlIsReadAsWell() throws Exception {
        Path registry = dir.resolve("registry.yaml");
        Files.writeString(registry, String.join("\n",
                "reserved_sources: [\"syscall\", \"internal\", \"plugins\"]",
                "plugins:",
                "  - name: lint_clean",
                "    description: registered under another ID than it returns",
                "    license: Apache-2.0",
                "    capabilities:",
                "      sourcing:",
                "        supported: true",
                "        id: 42",
                "        source: lintbait",
                "      extraction:",
                "        supported: true",
                "  - name: an_extractor",
                "    capabilities:",
                "      extraction:",
                "        supported: true",
                "        sources: [syscall]",
                ""));
        CommandRun run = CommandRun.of("lint", "--registry", registry.toString(), "lint_clean");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR   identity/registry-mismatch: \"lint_clean\" is registered with ID 42, "
                + "the plugin returns 9100").doesNotContain("identity/unregistered");
        Files.writeString(registry, "plugins:\n  - name: lint_clean\n    capabilities: [a\n");
        CommandRun bad = CommandRun.of("lint", "--registry", registry.toString(), "lint_clean");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(registry + ": line 4, column 1: not valid YAML");
    }

    @Test
    void aRegistryThatIsNotUtf8OrListsNoPluginIsRefused() throws Exception {
        Path registry = dir.resolve("registry.tsv");
        byte[] text = "# my registry\n42\tlint_clean\tlintbait\tsourcing\n".getBytes(StandardCharsets.UTF_8);
        text[text.length - 5] = (byte) 0xc3; // a lead byte before the ASCII "cing"
        Files.write(registry, text);
        CommandRun bad = CommandRun.of("lint", "--registry", registry.toString(), "lint_clean");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(registry + ": line 2, column 28: not UTF-8 (byte " + (text.length - 5)
                + " is 0xc3)").doesNotContain("Input length");
        // only comments: every identity check would pass with nothing to check against
        Files.writeString(registry, "# emptied by mistake\n\n");
        CommandRun empty = CommandRun.of("lint", "--registry", registry.toString(), "lint_clean");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.out()).doesNotContain("OK to release");
        assertThat(empty.err()).contains(registry + ": the registry lists no plugins");
    }
}

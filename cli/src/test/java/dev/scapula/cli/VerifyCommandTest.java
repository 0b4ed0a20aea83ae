package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path dir;
    String capture;

    @BeforeEach
    void record() {
        capture = dir.resolve("c.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=300", "-w", capture).exitCode()).isZero();
    }

    @Test
    void deterministicPluginsExitZero() {
        CommandRun run = CommandRun.of("verify", "-r", capture, "-H", "fields", "-H", "stateful");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("300 plugin events", "OK: deterministic");
    }

    @Test
    void aDivergenceExitsOneNamingTheFirstEventPluginAndField() throws Exception {
        CommandRun run = CommandRun.of("verify", "-r", capture, "-H", "extract_mutates");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR extract-twice: event 1 (ts 1700000000000000000), plugin extract_mutates, "
                + "field mutates.seen: [1] vs [2]");
        JsonNode json = new ObjectMapper().readTree(
                CommandRun.of("verify", "--json", "-r", capture, "-H", "extract_mutates").out());
        assertThat(json.get("first_divergences").get(0).get("check").asText()).isEqualTo("extract-twice");
        assertThat(json.get("divergences_by_field").get("extract-twice extract_mutates field mutates.seen").asLong())
                .isEqualTo(300);
    }

    @Test
    void ignoredFieldsAndMissingPlugins() {
        assertThat(CommandRun.of("verify", "-r", capture, "-H", "nondet", "--ignore-field", "nondet.calls",
                "--ignore-field", "nondet.clock").exitCode()).isZero();
        CommandRun missing = CommandRun.of("verify", "-r", capture, "-H", "nosuch");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no plugin named nosuch");
    }

    @Test
    void stateKeptInTheHostThreadsTableIsVerifiedAndItsDivergenceNamed() {
        CommandRun shared = CommandRun.of("verify", "-r", capture, "-H", "stateful", "-H", "tables:require_parity");
        assertThat(shared.exitCode()).as(shared.err()).isZero();
        CommandRun clock = CommandRun.of("verify", "-r", capture, "-H", "tables:wall_clock", "-f", "tables.threads");
        assertThat(clock.exitCode()).as(clock.err()).isEqualTo(1);
        assertThat(clock.out()).contains("ERROR two-instances: event 1", "plugin scapula, table threads");
    }

    @Test
    void aDivergenceOnlyAPluginsOwnTableShowsIsCaughtByItsDigest() {
        // stateful_clock mixes the clock into counter_parity's last_seq, which no field extracts
        CommandRun run = CommandRun.of("verify", "-r", capture, "-H", "stateful_clock:{\"ticks\":0}");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR two-instances: event 1", "plugin stateful, table counter_parity")
                .doesNotContain("field stateful.");
    }

    @Test
    void liveValuesRecordedWithExpectAreComparedWithTheReplay() throws Exception {
        String live = dir.resolve("live.scap").toString();
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=200", "-H", "fields", "--expect", "all",
                "-w", live);
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(live + ".expect.jsonl"));
        assertThat(lines).hasSize(201);
        assertThat(lines.get(0)).contains("\"fields\":[\"fields.seq\"");
        assertThat(lines.get(5)).startsWith("{\"evt\":5,\"v\":{\"fields.seq\":[\"4\"]");
        CommandRun ok = CommandRun.of("verify", "-r", live, "-H", "fields");
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("checks: live-vs-replay, two-instances, extract-twice");

        String clock = dir.resolve("clock.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=50", "-H", "nondet", "--expect", "nondet.clock",
                "-w", clock).exitCode()).isZero();
        CommandRun caught = CommandRun.of("verify", "-r", clock, "-H", "nondet", "--ignore-field", "nondet.calls");
        assertThat(caught.exitCode()).isEqualTo(1);
        assertThat(caught.out()).contains("ERROR live-vs-replay: event 1", "field nondet.clock");
        CommandRun none = CommandRun.of("record", "-I", "counter:count=5", "--expect", "nosuch.field", "-w",
                dir.resolve("bad.scap").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--expect (source counter) nosuch.field: no loaded plugin extracts fields");
        CommandRun typo = CommandRun.of("record", "-I", "counter:count=5", "-H", "fields", "--expect",
                "fields.seq,fields.sqe", "-w", dir.resolve("typo.scap").toString());
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("--expect (source counter) fields.sqe: no loaded plugin (fields) has a field "
                + "named fields.sqe; did you mean fields.seq?");
        assertThat(dir.resolve("typo.scap")).doesNotExist();
    }

    @Test
    void pluginsComeFromAFalcoYaml() throws Exception {
        java.nio.file.Path yaml = dir.resolve("falco.yaml");
        java.nio.file.Files.writeString(yaml, String.join("\n",
                "plugins:",
                "  - name: stateful",
                "    library_path: " + dev.scapula.samples.SamplePlugins.path("stateful"),
                "    init_config:",
                "      ticks: 0",
                "  - name: tables",
                "    library_path: libtables.so",
                "    init_config: require_parity",
                "  - name: nondet",
                "    library_path: libnondet.so",
                "load_plugins: [stateful, tables]",
                ""));
        CommandRun run = CommandRun.of("verify", "-r", capture, "--plugin-config-file", yaml.toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        CommandRun replay = CommandRun.of("replay", "-r", capture, "--plugin-config-file", yaml.toString(),
                "-f", "tables.parity_count", "--text");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out().lines().skip(9).findFirst().orElseThrow()).contains("tables.parity_count=5");
        java.nio.file.Files.writeString(yaml, "plugins: []\nload_plugins: [k8saudit]\n");
        CommandRun missing = CommandRun.of("verify", "-r", capture, "--plugin-config-file", yaml.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot load plugin 'k8saudit': plugin config not found for given name");
    }

    @Test
    void aLaterRotatedFileAloneReachesTheSameStateOnlyWhenTheStateIsDumped() throws Exception {
        String base = dir.resolve("rot.scap").toString();
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=600;batch=50", "-H", "stateful:{\"ticks\":0}",
                "-e", "200", "-w", base);
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        CommandRun ok = CommandRun.of("verify", "-r", base + "0", "-r", base + "1", "-r", base + "2", "-H", "stateful");
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("checks: two-instances, extract-twice, rotated-file", "OK: deterministic");

        String nodump = dir.resolve("nodump.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=600;batch=50", "-H", "stateful_nodump:{\"ticks\":0}",
                "-e", "200", "-w", nodump).exitCode()).isZero();
        CommandRun caught = CommandRun.of("verify", "-r", nodump + "0", "-r", nodump + "1", "-H", "stateful_nodump");
        assertThat(caught.exitCode()).isEqualTo(1);
        assertThat(caught.out()).contains("WARNING stateful_nodump keeps state from parsed events and sends async "
                + "events, but has no dump_state",
                "ERROR rotated-file: nodump.scap1 event 1 (ts 1700000000000200000), plugin stateful_nodump");
    }

    @Test
    void aFieldThatNeverHasAValueIsANote() {
        CommandRun run = CommandRun.of("verify", "-r", capture, "-H", "tables", "-f", "tables.parity_count");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("NOTE tables: field tables.parity_count had no value on any of the 300 events");
    }

    @Test
    void reRecordingWithoutExpectRemovesTheOldLiveValues() throws Exception {
        String file = dir.resolve("again.scap").toString();
        java.nio.file.Path sidecar = java.nio.file.Path.of(file + ".expect.jsonl");
        assertThat(CommandRun.of("record", "-I", "counter:count=20", "-H", "fields", "--expect", "fields.seq", "-w",
                file).exitCode()).isZero();
        assertThat(sidecar).exists();
        assertThat(CommandRun.of("record", "-I", "counter:count=20;start=5", "--force", "-w", file).exitCode())
                .isZero();
        assertThat(sidecar).doesNotExist();
    }

    @Test
    void aMisspeltFieldIsAUsageErrorNamingTheClosestNotAGreenVerify() {
        CommandRun typo = CommandRun.of("verify", "-r", capture, "-H", "nondet", "-f", "nondet.clokc");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.out()).doesNotContain("OK");
        assertThat(typo.err()).contains("-f nondet.clokc: no loaded plugin (nondet) has a field named nondet.clokc; "
                + "did you mean nondet.clock?");
        CommandRun ignored = CommandRun.of("verify", "-r", capture, "-H", "nondet", "--ignore-field", "nondet.clock",
                "--ignore-field", "nondet.cals");
        assertThat(ignored.exitCode()).isEqualTo(2);
        assertThat(ignored.err()).contains("--ignore-field nondet.cals", "did you mean nondet.calls?");
        CommandRun argument = CommandRun.of("verify", "-r", capture, "-H", "fields", "-f", "fields.byte[x]");
        assertThat(argument.exitCode()).isEqualTo(2);
        assertThat(argument.err()).contains("fields.byte needs a numeric index, not \"x\"");
    }

    @Test
    void aRunThatComparedNothingExitsOneSayingWhyAndCountsEveryField() throws Exception {
        // counter=300 events of 64 bytes: byte 100 never exists
        CommandRun run = CommandRun.of("verify", "-r", capture, "-H", "fields", "-f", "fields.byte[100]");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("fields fields.byte[100]", " 0 of 300\n",
                "ERROR nothing compared: no field had a value on any of the 300 events the plugins took, and no "
                        + "state table changed").doesNotContain("OK: deterministic");
        JsonNode json = new ObjectMapper().readTree(CommandRun.of("verify", "--json", "-r", capture, "-H", "fields",
                "-f", "fields.seq", "-f", "fields.byte[100]").out());
        assertThat(json.has("nothing_compared")).isFalse();
        assertThat(json.get("field_values").toString()).isEqualTo("[{\"plugin\":\"fields\",\"field\":\"fields.seq\","
                + "\"events\":300,\"with_value\":300,\"diverging\":0},{\"plugin\":\"fields\","
                + "\"field\":\"fields.byte[100]\",\"events\":300,\"with_value\":0,\"diverging\":0}]");
    }

    @Test
    void anEmptyCaptureIsNoPass() {
        String empty = dir.resolve("empty.scap").toString();
        assertThat(CommandRun.of("record", "-I", "counter:count=0", "-w", empty).exitCode()).isZero();
        CommandRun run = CommandRun.of("verify", "-r", empty, "-H", "fields");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR nothing compared: the capture has no plugin or async events");
    }
}

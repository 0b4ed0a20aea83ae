package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scapula replay's built-in fields, -p formats, async lines, manifest plugins and warnings, end to end. */
class ReplayFormatsTest {
    @TempDir
    Path dir;
    Path capture;

    @BeforeEach
    void record() {
        capture = dir.resolve("c.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=20;size=16", "-w", capture.toString()).exitCode())
                .isZero();
    }

    @Test
    void printFormatSubstitutesBuiltinAndPluginFieldsAsSysdig() {
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "--plugins-from-manifest", "-H", "fields",
                "--time-zone", "UTC", "-p", "%evt.num %evt.time %evt.datetime %evt.rawtime %evt.type %evt.source "
                        + "%evt.pluginname [%evt.plugininfo] %evt.is_async %4fields.seq|%2evt.source %fields.byte[9]");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(20);
        assertThat(lines.get(6)).isEqualTo("7 22:13:20.000006000 2023-11-14 22:13:20.000006000 1700000000000006000 "
                + "pluginevent counter counter [seq=6 size=16] false 6   |co 15");
    }

    @Test
    void timeZoneShiftsEvtTimeButNotRawtime() {
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "--time-zone", "+05:30",
                "-p", "%evt.time %evt.datetime.s %evt.rawtime.s %evt.time.iso8601");
        assertThat(run.out().lines().findFirst()).contains("03:43:20.000000000 2023-11-15 03:43:20 1700000000 "
                + "2023-11-14T22:13:20.000000000+0000");
    }

    @Test
    void missingValuesSkipTheLineUnlessTheFormatStartsWithAStar() {
        // the capture has no manifest plugin loaded: evt.pluginname needs the source plugin, as in libsinsp
        CommandRun strict = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-p",
                "%evt.num %evt.pluginname");
        assertThat(strict.exitCode()).isZero();
        assertThat(strict.out()).isEmpty();
        CommandRun lenient = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-p",
                "*%evt.num %evt.pluginname %evt.asynctype");
        assertThat(lenient.out().lines().findFirst()).contains("1 <NA> <NA>");
    }

    @Test
    void badFormatsAreUsageErrorsNamingTheSpot() {
        CommandRun braces = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-p",
                "%evt.num %{evt.type}");
        assertThat(braces.exitCode()).isEqualTo(2);
        assertThat(braces.err()).contains("unknown field at \"%{evt.type}\"", "position 10");
        CommandRun formatTypo = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-p",
                "%evt.num %fields.sqe");
        assertThat(formatTypo.exitCode()).isEqualTo(2);
        assertThat(formatTypo.err()).contains("unknown field at \"%fields.sqe\"", "did you mean %fields.seq?");
        CommandRun trailing = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-p", "%evt.num %");
        assertThat(trailing.err()).contains("cannot end with %");
        CommandRun unknownField = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-f", "evt.nope");
        assertThat(unknownField.exitCode()).isEqualTo(2);
        assertThat(unknownField.err()).contains("-f evt.nope: no loaded plugin (fields) and no built-in field has a "
                + "field named evt.nope");
        CommandRun typo = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-f", "fields.sqe");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean fields.seq?");
        assertThat(typo.out()).isEmpty();
        CommandRun builtinTypo = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-f", "evt.tyep");
        assertThat(builtinTypo.err()).contains("did you mean evt.type?");
        CommandRun argument = CommandRun.of("replay", "-r", capture.toString(), "-H", "fields", "-f", "fields.byte");
        assertThat(argument.exitCode()).isEqualTo(2);
        assertThat(argument.err()).contains("-f fields.byte: fields: field fields.byte needs an argument");
    }

    @Test
    void jsonCarriesBuiltinsAsSysdigJsonDoes() throws Exception {
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "--plugins-from-manifest", "-H", "fields",
                "-f", "fields.seq", "-f", "evt.plugininfo", "-f", "evt.rawtime");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode e = new ObjectMapper().readTree(run.out().lines().skip(2).findFirst().orElseThrow());
        assertThat(e.get("evt.num").asLong()).isEqualTo(3);
        // sysdig -j writes the time fields as the raw nanosecond timestamp
        assertThat(e.get("evt.time").asLong()).isEqualTo(1_700_000_000_000_002_000L);
        assertThat(e.get("evt.rawtime").asLong()).isEqualTo(1_700_000_000_000_002_000L);
        assertThat(e.get("evt.type").asText()).isEqualTo("pluginevent");
        assertThat(e.get("evt.is_async").isBoolean()).isTrue();
        assertThat(e.get("evt.is_async").asBoolean()).isFalse();
        assertThat(e.get("evt.plugininfo").asText()).isEqualTo("seq=2 size=16");
        assertThat(e.get("fields.seq").asLong()).isEqualTo(2);
    }

    @Test
    void asyncEventsGetLinesAndReachTheParsersInOrder() throws Exception {
        Path async = dir.resolve("async.scap");
        try (CaptureWriter w = CaptureWriter.create(async, CaptureOptions.plain())) {
            w.writePluginEvent(1_700_000_000_000_000_000L, -1, 9001, payload(0));
            w.writeAsyncEvent(1_700_000_000_000_000_500L, -1, 9001, "counter_tick", payload(1));
            w.writeAsyncEvent(1_700_000_000_000_000_600L, -1, 0, "counter_tick", payload(2));
            w.writePluginEvent(1_700_000_000_000_001_000L, -1, 9001, payload(1));
        }
        CommandRun run = CommandRun.of("replay", "--text", "--time-zone", "UTC", "-r", async.toString(), "-H",
                "counter", "-H", "stateful", "-f", "stateful.ticks", "-f", "evt.is_async");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "1 22:13:20.000000000 [counter] stateful.ticks=0 evt.is_async=false",
                "2 22:13:20.000000500 [counter] counter_tick stateful.ticks=<NA> evt.is_async=true",
                "3 22:13:20.000000600 [syscall] counter_tick stateful.ticks=<NA> evt.is_async=true",
                // both ticks parsed: stateful takes the syscall source (id 0) too, to see its own dump
                "4 22:13:20.000001000 [counter] stateful.ticks=2 evt.is_async=false");
    }

    @Test
    void pluginsFromManifestAreFoundInThePluginDirectory() throws Exception {
        Path withForeignName = dir.resolve("named.scap");
        String sha = sha256(SamplePlugins.path("counter"));
        Manifest m = new Manifest("scapula", "test", 0, List.of(new Manifest.PluginEntry("mycounter", "0.1.0", 9001,
                "counter", "3.0.0", "", "count=1", sha)));
        try (CaptureWriter w = CaptureWriter.create(withForeignName, CaptureOptions.plain().withManifest(m))) {
            w.writePluginEvent(1_700_000_000_000_000_000L, -1, 9001, payload(5));
        }
        CommandRun missing = CommandRun.of("replay", "-r", withForeignName.toString(), "--plugins-from-manifest");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("the manifest names plugin mycounter 0.1.0 (id 9001)", "no plugin named "
                + "mycounter");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(SamplePlugins.path("counter"), plugins.resolve("libmycounter.so"));
        CommandRun found = CommandRun.of("replay", "-r", withForeignName.toString(), "--plugins-from-manifest",
                "--plugin-dir", plugins.toString(), "-p", "%evt.pluginname %evt.plugininfo");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out().strip()).isEqualTo("counter seq=5 size=16");
        assertThat(found.err()).isEmpty();
    }

    @Test
    void aManifestNamingAnotherBuildWarnsOnceOnStderr() throws Exception {
        Manifest m = new Manifest("scapula", "test", 0, List.of(new Manifest.PluginEntry("counter", "0.0.9", 9001,
                "counter", "3.0.0", "", "", "ffff")));
        Path a = dir.resolve("a.scap");
        Path b = dir.resolve("b.scap");
        for (Path p : List.of(a, b)) {
            try (CaptureWriter w = CaptureWriter.create(p, CaptureOptions.plain().withManifest(m))) {
                w.writePluginEvent(1_700_000_000_000_000_000L, -1, 9001, payload(5));
            }
        }
        CommandRun run = CommandRun.of("replay", "-r", a.toString(), "-r", b.toString(), "-H", "counter", "-H",
                "fields", "-f", "fields.seq");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.err().lines().filter(l -> l.contains("warning")).toList()).singleElement().asString()
                .contains("version 0.0.9 in the manifest, 0.1.0 loaded", "sha256 ffff in the manifest, "
                        + sha256(SamplePlugins.path("counter")) + " loaded");
    }

    @Test
    void pluginsShareStateTablesAsInOneFalcoProcess() {
        // tables reads stateful's counter_parity table, and refuses to start without it
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "-H", "stateful", "-H",
                "tables:require_parity", "-p", "%evt.num %stateful.seen %tables.parity_count %tables.thread_comm");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // event 7 is seq 6: the fourth even one, after both parsers have seen it
        assertThat(run.out().lines().skip(6).findFirst()).contains("7 7 4 counter-100");
    }

    @Test
    void helpShowsTheFormatExampleWithItsPercentSigns() {
        CommandRun run = CommandRun.of("replay", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("picocli WARN").contains("-p '%evt.num", "%field[arg]");
    }

    @Test
    void noPluginsAtAllIsAUsageError() {
        CommandRun run = CommandRun.of("replay", "-r", capture.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("-H", "--plugins-from-manifest");
    }

    private static byte[] payload(long seq) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(seq);
        return b.array();
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}

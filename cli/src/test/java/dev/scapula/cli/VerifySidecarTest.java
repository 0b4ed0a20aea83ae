package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code verify} takes the live values sidecar ({@code record --expect}) only when it belongs to
 * the capture and is well-formed, says how many events it compared, and refuses anything else
 * with exit 2 (an input error, not a divergence), naming the sidecar, the line and what was
 * expected.
 */
class VerifySidecarTest {
    private static final int EVENTS = 200;

    @TempDir
    Path dir;
    Path capture;
    Path sidecar;
    List<String> recorded;

    @BeforeEach
    void record() throws IOException {
        capture = dir.resolve("live.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=" + EVENTS, "-H", "fields", "--expect",
                "fields.seq", "-w", capture.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        sidecar = Path.of(capture + ".expect.jsonl");
        recorded = Files.readAllLines(sidecar);
        assertThat(recorded).hasSize(EVENTS + 1);
    }

    private CommandRun verify(String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "-r", capture.toString(), "-H", "fields"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void theRecordedSidecarIsComparedEventByEventAndTheCountIsShown() throws Exception {
        assertThat(recorded.get(0)).startsWith("{\"scapula_expect\":2,\"capture\":\"live.scap\",\"capture_bytes\":");
        CommandRun ok = verify();
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("checks: live-vs-replay, two-instances, extract-twice",
                "live-vs-replay: 200 events compared", "OK: deterministic");
        JsonNode json = new ObjectMapper().readTree(verify("--json").out());
        assertThat(json.get("live_events_compared").asLong()).isEqualTo(EVENTS);
    }

    @Test
    void aCompressedOrRotatedRecordingHasOneSidecarPerFileThatOnlyItsFileTakes() throws Exception {
        Path gz = dir.resolve("gz.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=50", "-H", "fields", "--expect", "fields.seq", "-z",
                "-w", gz.toString()).exitCode()).isZero();
        CommandRun z = CommandRun.of("verify", "-r", gz.toString(), "-H", "fields");
        assertThat(z.exitCode()).as(z.err()).isZero();
        assertThat(z.out()).contains("live-vs-replay: 50 events compared");

        String rot = dir.resolve("rot.scap").toString();
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=3000", "-H", "fields", "--expect", "fields.seq",
                "-e", "1000", "-w", rot);
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        CommandRun all = CommandRun.of("verify", "-r", rot + "0", "-r", rot + "1", "-r", rot + "2", "-H", "fields");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("live-vs-replay: 3,000 events compared");
        // each file's sidecar names its own file
        Path first = Path.of(rot + "0.expect.jsonl");
        Path second = Path.of(rot + "1.expect.jsonl");
        byte[] kept = Files.readAllBytes(second);
        Files.copy(first, second, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CommandRun swapped = CommandRun.of("verify", "-r", rot + "1", "-H", "fields");
        assertThat(swapped.exitCode()).isEqualTo(2);
        assertThat(swapped.err()).contains(second + ": line 1: written for capture rot.scap0, not rot.scap1");
        Files.write(second, kept);
    }

    static Stream<Arguments> craftedSidecars() {
        return Stream.of(
                Arguments.of("names another file", edit(l -> {
                    l.set(0, l.get(0).replace("\"live.scap\"", "\"other.scap\""));
                    return l;
                }), "line 1: written for capture other.scap, not live.scap"),
                Arguments.of("another recording's first bytes", edit(l -> {
                    l.set(0, l.get(0).replaceAll("\"capture_sha256\":\"[0-9a-f]{64}\"",
                            "\"capture_sha256\":\"" + "ab".repeat(32) + "\""));
                    return l;
                }), "line 1: written for another recording named live.scap: the first "),
                Arguments.of("fields nobody extracts", edit(l -> {
                    l.replaceAll(s -> s.replace("fields.seq", "fields.nosuch"));
                    return l;
                }), "line 1: no loaded plugin extracts any of its fields (fields.nosuch)"),
                Arguments.of("a garbage line", edit(l -> {
                    l.set(10, "garbage");
                    return l;
                }), "line 11: expected one JSON object {\"evt\":N,\"v\":{...}}, but it is not JSON"),
                Arguments.of("events out of order", edit(l -> {
                    l.set(10, l.get(10).replace("\"evt\":10,", "\"evt\":8,"));
                    return l;
                }), "line 11: expected an event number above 9 (the previous line's), found 8"),
                Arguments.of("evt as a string", edit(l -> {
                    l.set(1, l.get(1).replace("\"evt\":1,", "\"evt\":\"1\","));
                    return l;
                }), "line 2: expected \"evt\" to be an event number (an integer from 1), found a string (\"1\")"),
                Arguments.of("evt as an object", edit(l -> {
                    l.set(1, l.get(1).replace("\"evt\":1,", "\"evt\":{},"));
                    return l;
                }), "line 2: expected \"evt\" to be an event number (an integer from 1), found an object"),
                Arguments.of("values as a string", edit(l -> {
                    l.set(3, "{\"evt\":3,\"v\":{\"fields.seq\":\"2\"}}");
                    return l;
                }), "line 4: expected field fields.seq of event 3 to be a list of strings, found a string (\"2\")"),
                Arguments.of("only the header", edit(l -> List.of(l.get(0))),
                        "line 1: no event compared: it has no complete event line; record the capture again with "
                                + "record --expect"),
                Arguments.of("an old sidecar without the capture's digest", edit(l -> {
                    l.set(0, "{\"scapula_expect\":1,\"capture\":\"live.scap\",\"fields\":[\"fields.seq\"]}");
                    return l;
                }), "line 1: format version 1 comes from an older scapula, whose sidecars do not say which capture "
                        + "they belong to; record the capture again with record --expect"),
                Arguments.of("an empty file", edit(l -> List.of()),
                        "line 1: expected the header, but the file is empty"));
    }

    private static UnaryOperator<List<String>> edit(UnaryOperator<List<String>> e) {
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("craftedSidecars")
    void aCraftedSidecarIsAnInputErrorNamingFileLineAndWhatWasExpected(String name,
            UnaryOperator<List<String>> edit, String expected) throws Exception {
        List<String> lines = edit.apply(new ArrayList<>(recorded));
        Files.write(sidecar, lines, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            Files.write(sidecar, new byte[0]);
        }
        CommandRun run = verify();
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("OK");
        assertThat(run.err()).startsWith("scapula verify: " + sidecar + ": " + expected);
    }

    /** A 60 MB line, written here: refused at 16 MiB with exit 2, not an OutOfMemoryError. */
    @Test
    void anOverlongLineIsAnInputError() throws Exception {
        try (Writer w = Files.newBufferedWriter(sidecar, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 4; i++) {
                w.write(recorded.get(i));
                w.write('\n');
            }
            w.write("{\"evt\":4,\"v\":{\"fields.seq\":[\"");
            char[] chunk = "x".repeat(1 << 16).toCharArray();
            for (int i = 0; i < 60_000_000 / chunk.length; i++) {
                w.write(chunk);
            }
            w.write("\"]}}\n");
        }
        CommandRun run = verify();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("scapula verify: " + sidecar + ": line 5: the line is longer than 16,777,216 "
                + "bytes, the most a sidecar line may be\n");
    }

    @Test
    void aLineForAnEventThatIsNoPluginEventIsRefusedAndLinesPastTheEndAreAWarning() throws Exception {
        // event 1 of this capture is stateful's dump_state, an async event: live values never name it
        Path async = dir.resolve("async.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=50", "-H", "fields", "-H", "stateful:{\"ticks\":0}",
                "--expect", "fields.seq", "-w", async.toString()).exitCode()).isZero();
        Path file = Path.of(async + ".expect.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        assertThat(lines.get(1)).startsWith("{\"evt\":2,");
        lines.add(1, "{\"evt\":1,\"v\":{\"fields.seq\":[\"0\"]}}");
        Files.write(file, lines, StandardCharsets.UTF_8);
        CommandRun run = CommandRun.of("verify", "-r", async.toString(), "-H", "fields", "-H", "stateful");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("scapula verify: " + file + ": line 2: event 1 is not a plugin event of the "
                + "capture (the plugin events around it: none and 2)\n");

        // a recording killed between flushes: the sidecar goes on past the capture's last event
        List<String> longer = new ArrayList<>(recorded);
        longer.add("{\"evt\":201,\"v\":{\"fields.seq\":[\"200\"]}}");
        longer.add("{\"evt\":202,\"v\":{\"fields.seq\":[\"201\"]}}");
        Files.write(sidecar, longer, StandardCharsets.UTF_8);
        CommandRun ahead = verify();
        assertThat(ahead.exitCode()).as(ahead.err()).isZero();
        assertThat(ahead.out()).contains("live-vs-replay: 200 events compared", "WARNING " + sidecar + ": 2 lines from "
                + "line 202 (event 201) name events after the capture's last plugin event (200), not compared");
        // those lines are read all the same: a fault in them is still refused
        longer.add("{\"evt\":202,\"v\":{\"fields.seq\":[\"201\"]}}");
        Files.write(sidecar, longer, StandardCharsets.UTF_8);
        CommandRun bad = verify();
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(sidecar + ": line 204: expected an event number above 202");
    }

    @Test
    void aLastLineCutShortByAKilledRecordingComparesTheEventsBeforeIt() throws Exception {
        byte[] all = Files.readAllBytes(sidecar);
        Files.write(sidecar, java.util.Arrays.copyOf(all, all.length - 8));
        CommandRun run = verify();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("live-vs-replay: 199 events compared",
                "NOTE " + sidecar + ": its last line is cut short");
    }

    @Test
    void ignoringEveryFieldOfTheSidecarSkipsTheCheckSayingSo() {
        CommandRun run = verify("--ignore-field", "fields.seq");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("checks: two-instances, extract-twice",
                "NOTE " + sidecar + ": live-vs-replay not checked: every field of it is ignored")
                .doesNotContain("live-vs-replay: ");
        CommandRun other = verify("-f", "fields.size");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains(sidecar + ": line 1: no loaded plugin extracts any of its fields (fields.seq); "
                + "they extract fields.size");
    }
}

package dev.scapula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus runs of verify: shards, merge, a damaged capture among good ones, exit codes. */
class CorpusCommandTest {
    @TempDir
    static Path dir;

    private static Path corpus;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The names the corpus is built with: 8 plain, gzip, zstd, a rotated series, one the
     * nondeterministic plugin breaks on, a damaged one.
     */
    private static final Set<String> NAMES = new TreeSet<>(List.of("plain/c1.scap", "plain/c2.scap", "plain/c3.scap",
            "plain/c4.scap", "plain/c5.scap", "plain/c6.scap", "plain/c7.scap", "plain/c8.scap", "packed/g.scap.gz",
            "packed/z.scap.zst", "rot/r.scap", "odd/large.scap", "bad/damaged.scap"));
    /** Events of the capture nondet_large extracts from (payloads of 256 bytes; the others have 64). */
    private static final int LARGE_EVENTS = 200;

    private static void record(String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
    }

    @BeforeAll
    static void recordCorpus() throws Exception {
        corpus = dir.resolve("corpus");
        for (String d : List.of("plain", "packed", "rot", "odd", "bad")) {
            Files.createDirectories(corpus.resolve(d));
        }
        for (int i = 1; i <= 8; i++) {
            record("record", "-I", "counter:count=" + (100 * i) + ";size=64", "-w",
                    corpus.resolve("plain/c" + i + ".scap").toString());
        }
        record("record", "-I", "counter:count=300;size=64", "-z", "-w", corpus.resolve("packed/g.scap.gz").toString());
        record("record", "-I", "counter:count=300;size=64", "--zstd", "-w",
                corpus.resolve("packed/z.scap.zst").toString());
        record("record", "-I", "counter:count=300;size=64", "-e", "100", "-w", corpus.resolve("rot/r.scap").toString());
        record("record", "-I", "counter:count=" + LARGE_EVENTS + ";size=256", "-w",
                corpus.resolve("odd/large.scap").toString());
        byte[] whole = Files.readAllBytes(corpus.resolve("plain/c8.scap"));
        Files.write(corpus.resolve("bad/damaged.scap"), java.util.Arrays.copyOf(whole, whole.length / 2));
    }

    private static JsonNode json(CommandRun r) throws Exception {
        return JSON.readTree(r.out());
    }

    private static CommandRun verify(String... extra) {
        // nondet_large gives values only on odd/large.scap: there it diverges, elsewhere it is silent; its
        // clock field is ignored so that every run reports the same values (its call count diverges anyway)
        List<String> args = new ArrayList<>(List.of("verify", "--corpus", corpus.toString(), "-H", "fields", "-H",
                "nondet_large", "--ignore-field", "nondet.clock"));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void threeShardsCheckEveryCaptureOnceAndMergeIntoTheWholeRunsReport() throws Exception {
        CommandRun whole = verify("--json", "--jobs", "2");
        assertEquals(2, whole.exitCode(), "a damaged capture makes the corpus exit 2: " + whole.err());
        List<Path> parts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int checked = 0;
        for (int k = 1; k <= 3; k++) {
            CommandRun part = verify("--json", "--shard", k + "/3");
            Path file = dir.resolve("part" + k + ".json");
            Files.writeString(file, part.out());
            parts.add(file);
            for (JsonNode c : json(part).get("captures")) {
                checked++;
                assertTrue(seen.add(c.get("capture").asText()), c + " checked by two shards");
            }
        }
        assertEquals(NAMES, seen);
        assertEquals(NAMES.size(), checked);

        Path merged = dir.resolve("merged.json");
        List<String> args = new ArrayList<>(List.of("report", "merge", "-o", merged.toString(), "--exit-code"));
        parts.forEach(p -> args.add(p.toString()));
        CommandRun merge = CommandRun.of(args.toArray(String[]::new));
        assertEquals(whole.exitCode(), merge.exitCode(), merge.err());
        assertEquals(json(whole), JSON.readTree(merged.toFile()));
    }

    @Test
    void aDamagedCaptureIsReportedWithWhereAndTheOthersStillRun() throws Exception {
        JsonNode report = json(verify("--json"));
        int ok = 0;
        for (JsonNode c : report.get("captures")) {
            if (c.get("capture").asText().equals("bad/damaged.scap")) {
                assertEquals("ERROR", c.get("status").asText());
                assertTrue(c.get("error").asText().contains("damaged.scap"), c.toString());
                assertTrue(c.get("error").asText().contains("byte"), c.toString());
            } else if (c.get("capture").asText().equals("odd/large.scap")) {
                assertEquals("DIFFERENT", c.get("status").asText(), c.toString());
            } else {
                assertEquals("OK", c.get("status").asText(), c.toString());
                ok++;
            }
        }
        assertEquals(11, ok);
        assertEquals(1, report.get("summary").get("errors").asInt());
        assertEquals(1, report.get("summary").get("different").asInt());
        assertEquals(11, report.get("summary").get("ok").asInt());
    }

    /** The summary row of one field. */
    private static JsonNode field(JsonNode summary, String plugin, String field) {
        for (JsonNode f : summary.get("fields")) {
            if (f.get("plugin").asText().equals(plugin) && f.get("field").asText().equals(field)) {
                return f;
            }
        }
        throw new AssertionError(plugin + " " + field + " missing from " + summary);
    }

    private static void assertCounts(JsonNode f, int capturesWithValue, long eventsWithValue, int capturesWithChange,
            long eventsWithChange) {
        assertEquals(capturesWithValue, f.get("captures_with_value").asInt(), f.toString());
        assertEquals(eventsWithValue, f.get("events_with_value").asLong(), f.toString());
        assertEquals(capturesWithChange, f.get("captures_with_change").asInt(), f.toString());
        assertEquals(eventsWithChange, f.get("events_with_change").asLong(), f.toString());
    }

    @Test
    void theSummaryCountsPerFieldTheCapturesAndEventsWithAValueAndWithADivergence() throws Exception {
        List<String> lines = verify("--jsonl").out().lines().toList();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        // the 12 readable captures: c1..c8 hold 100..800 events, gzip, zstd and the series 300 each
        long readable = 100L * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8) + 3 * 300 + LARGE_EVENTS;
        assertCounts(field(summary, "fields", "fields.seq"), 12, readable, 0, 0);
        assertCounts(field(summary, "nondet", "nondet.seq"), 1, LARGE_EVENTS, 0, 0);
        // extracting an event twice counts one more call: every event of the one capture diverges
        assertCounts(field(summary, "nondet", "nondet.calls"), 1, LARGE_EVENTS, 1, LARGE_EVENTS);

        String text = verify().out();
        assertTrue(text.contains("per field, over the captures checked:"), text);
        assertTrue(text.matches("(?s).*\\n  fields fields\\.seq +12 +" + String.format("%,d", readable)
                + " +0 +0\\n.*"), text);
        assertTrue(text.matches("(?s).*\\n  nondet nondet\\.calls +1 +" + LARGE_EVENTS + " +1 +" + LARGE_EVENTS
                + "\\n.*"), text);
    }

    @Test
    void aRotatedSeriesIsCheckedAsOneStream() throws Exception {
        JsonNode report = json(verify("--json"));
        for (JsonNode c : report.get("captures")) {
            if (c.get("capture").asText().equals("rot/r.scap")) {
                assertEquals(300, c.get("events").asLong());
                assertTrue(c.get("report").get("checks").toString().contains("rotated-file"), c.toString());
                return;
            }
        }
        throw new AssertionError("rot/r.scap missing from " + report);
    }

    @Test
    void oneJobAndTwoJobsGiveTheSameReport() throws Exception {
        assertEquals(json(verify("--json", "--jobs", "1")), json(verify("--json", "--jobs", "2")));
    }

    @Test
    void jsonLinesGiveOneLinePerCaptureThenTheSummary() throws Exception {
        List<String> lines = verify("--jsonl").out().lines().toList();
        assertEquals(NAMES.size() + 1, lines.size());
        for (String l : lines) {
            JSON.readTree(l);
        }
        assertEquals(NAMES.size(), JSON.readTree(lines.get(lines.size() - 1)).get("captures").asInt());
    }

    @Test
    void exitCodesOverACorpus() throws Exception {
        Path list = dir.resolve("clean.txt");
        Files.writeString(list, corpus.resolve("plain/c1.scap") + "\n" + corpus.resolve("rot/r.scap0") + "\n"
                + corpus.resolve("rot/r.scap1") + "\n" + corpus.resolve("rot/r.scap2") + "\n");
        assertEquals(0, CommandRun.of("verify", "--corpus-list", list.toString(), "-H", "fields").exitCode());
        // counter alone extracts nothing: nothing compared is no pass, as with a single capture
        assertEquals(1, CommandRun.of("verify", "--corpus-list", list.toString(), "-H", "counter").exitCode());
        Path withLarge = dir.resolve("large.txt");
        Files.writeString(withLarge, corpus.resolve("plain/c1.scap") + "\n" + corpus.resolve("odd/large.scap") + "\n");
        assertEquals(1, CommandRun.of("verify", "--corpus-list", withLarge.toString(), "-H", "fields", "-H",
                "nondet_large").exitCode());
        assertEquals(2, verify().exitCode());
        assertEquals(2, verify("--shard", "4/3").exitCode());
        assertEquals(2, CommandRun.of("verify", "--corpus", corpus.toString(), "-r",
                corpus.resolve("plain/c1.scap").toString(), "-H", "fields").exitCode());
        CommandRun sarif = verify("--sarif", dir.resolve("r.sarif").toString());
        assertEquals(2, sarif.exitCode());
        JsonNode results = JSON.readTree(dir.resolve("r.sarif").toFile()).get("runs").get(0).get("results");
        Set<String> located = new TreeSet<>();
        results.forEach(r -> located.add(r.get("locations").get(0).get("physicalLocation").get("artifactLocation")
                .get("uri").asText()));
        assertEquals(Set.of("bad/damaged.scap", "odd/large.scap"), located);
    }

    @Test
    void diffOverACorpusChecksEachCaptureAndReportsTheDamagedOne() throws Exception {
        CommandRun run = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0", "--corpus",
                corpus.toString(), "--json", "--jobs", "2");
        assertEquals(2, run.exitCode(), run.err());
        JsonNode report = json(run);
        assertEquals("diff", report.get("command").asText());
        Set<String> names = new TreeSet<>();
        for (JsonNode c : report.get("captures")) {
            names.add(c.get("capture").asText());
            String expected = c.get("capture").asText().equals("bad/damaged.scap") ? "ERROR" : "OK";
            assertEquals(expected, c.get("status").asText(), c.toString());
        }
        assertEquals(NAMES, names);
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture whose manifest strings, async event names and payloads hold ESC, BEL, CSI (U+009B),
 * DEL and newlines: text output shows them as {@code \xHH}, never raw, so it can neither drive the
 * terminal nor forge a line; JSON output escapes them and reads back as the original strings.
 */
class TerminalOutputTest {
    private static final int LIAR_ID = 9013;
    /** Clears the screen, rings the bell, starts a CSI and forges an info line. */
    private static final String RECORDER = "rec\u001b[2J\u0007";
    private static final String RECORDER_VERSION = "1.0\nFile:                  forged";
    private static final String VERSION = "0.1\u009b31m";
    private static final String ASYNC = "tick\u001b[31m\n# forged\u0007\u009b\u007f";
    private static final String WORD = "w\u001b[2J\u0007\u009b\u007f\nx\ty";
    private static final String ESCAPED_ASYNC = "tick\\x1b[31m\\x0a# forged\\x07\\x9b\\x7f";
    private static final String ESCAPED_WORD = "w\\x1b[2J\\x07\\x9b\\x7f\\x0ax\\x09y";
    /** What must never reach a terminal raw: C0 but the line breaks we print ourselves, DEL and C1. */
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f]");

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;
    Path capture;

    @BeforeEach
    void writeCapture() throws Exception {
        capture = dir.resolve("hostile.scap");
        Manifest m = new Manifest(RECORDER, RECORDER_VERSION, 0, List.of(new Manifest.PluginEntry("liar", VERSION,
                LIAR_ID, "liar", "3.0.0", "", "", "")));
        try (CaptureWriter w = CaptureWriter.create(capture, CaptureOptions.plain().withManifest(m))) {
            w.writePluginEvent(1_000L, -1, LIAR_ID, WORD.getBytes(StandardCharsets.UTF_8));
            w.writeAsyncEvent(2_000L, -1, LIAR_ID, ASYNC, "a\nb\tc".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertNoRawControl(CommandRun run) {
        assertThat(RAW_CONTROL.matcher(run.out()).find()).as("raw control character in stdout: %s", run.out())
                .isFalse();
        assertThat(RAW_CONTROL.matcher(run.err()).find()).as("raw control character in stderr: %s", run.err())
                .isFalse();
    }

    @Test
    void infoTextEscapesManifestStringsAndAsyncNamesSoNoLineIsForged() {
        CommandRun run = CommandRun.of("info", capture.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertNoRawControl(run);
        assertThat(run.out().lines()).contains(
                "Recorded by:           rec\\x1b[2J\\x07 1.0\\x0aFile:                  forged",
                "  plugin:              liar 0.1\\x9b31m (id 9013, source liar, api 3.0.0, sha256 )",
                "  async by name:       " + ESCAPED_ASYNC + " 1");
        assertThat(run.out().lines().filter(l -> l.startsWith("File:"))).hasSize(1);
    }

    @Test
    void jsonEscapesDelAndC1AndRoundTripsTheOriginalStrings() throws Exception {
        CommandRun info = CommandRun.of("info", "--json", capture.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertNoRawControl(info);
        assertThat(info.out()).contains("\\u009B", "\\u007F", "\\u001B");
        JsonNode s = json.readTree(info.out());
        assertThat(s.get("manifest").get("recorder").asText()).isEqualTo(RECORDER);
        assertThat(s.get("manifest").get("recorder_version").asText()).isEqualTo(RECORDER_VERSION);
        assertThat(s.get("manifest").get("plugins").get(0).get("version").asText()).isEqualTo(VERSION);
        assertThat(s.get("async_events_by_name").fieldNames().next()).isEqualTo(ASYNC);

        CommandRun cat = CommandRun.of("cat", capture.toString());
        assertThat(cat.exitCode()).as(cat.err()).isZero();
        assertNoRawControl(cat);
        List<String> lines = cat.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(json.readTree(lines.get(1)).get("async_name").asText()).isEqualTo(ASYNC);
        assertThat(json.readTree(lines.get(1)).get("payload").asText()).isEqualTo("a\nb\tc");

        CommandRun replay = CommandRun.of("replay", "-r", capture.toString(), "-H", "liar", "-f", "liar.word",
                "-f", "evt.type");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertNoRawControl(replay);
        List<String> events = replay.out().lines().toList();
        assertThat(events).hasSize(2);
        assertThat(json.readTree(events.get(0)).get("liar.word").asText()).isEqualTo(WORD);
        assertThat(json.readTree(events.get(1)).get("evt.type").asText()).isEqualTo(ASYNC);
    }

    @Test
    void catTextEscapesAsyncNamesAndPayloadText() {
        CommandRun run = CommandRun.of("cat", "--text", capture.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertNoRawControl(run);
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().skip(1).findFirst().orElseThrow())
                .endsWith(" > " + ESCAPED_ASYNC + " plugin_id=9013 data=a\\x0ab\\x09c");
    }

    @Test
    void replayTextFormatsAndWarningsEscapeValuesNamesAndManifestStrings() {
        CommandRun text = CommandRun.of("replay", "--text", "--time-zone", "UTC", "-r", capture.toString(),
                "-H", "liar", "-f", "liar.word");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertNoRawControl(text);
        assertThat(text.out().lines()).hasSize(2);
        assertThat(text.out().lines().findFirst().orElseThrow()).endsWith(" [liar] liar.word=" + ESCAPED_WORD);
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow()).contains(" [liar] " + ESCAPED_ASYNC + " ");
        // the manifest's version is quoted in the mismatch warning
        assertThat(text.err()).contains("version 0.1\\x9b31m in the manifest, 0.1.0 loaded");

        CommandRun format = CommandRun.of("replay", "-r", capture.toString(), "-H", "liar", "-p",
                "*%evt.num %evt.type %liar.word");
        assertThat(format.exitCode()).as(format.err()).isZero();
        assertNoRawControl(format);
        assertThat(format.out().lines()).containsExactly("1 pluginevent " + ESCAPED_WORD,
                "2 " + ESCAPED_ASYNC + " <NA>");
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In-process mode trusts nothing a plugin hands back: the sample plugin {@code liar} returns, on
 * request, each kind of bad result, and each must end as a clear error naming the plugin, the
 * call, the event and (on replay) the capture, never as a JVM crash or out-of-memory.
 */
class UntrustedPluginTest {
    private static final int LIAR_ID = 9013;

    @TempDir
    Path dir;

    /** Three liar events whose payload is {@code word}, which tells liar how to misbehave. */
    private Path capture(String word) throws Exception {
        Path file = dir.resolve(word + ".scap");
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain())) {
            for (int i = 1; i <= 3; i++) {
                w.writePluginEvent(1000L * i, -1, LIAR_ID, word.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "null_result | liar.count | returned 1 values and a NULL result for liar.count in event 1",
        "null_string | liar.word  | returned a NULL string for liar.word in event 1",
        "many        | liar.count | returned 5 values for liar.count in event 1 (a field that is not a list has at most 1)",
        "huge        | liar.list  | returned 1099511627776 values for liar.list in event 1",
        "bad_addr    | liar.addr  | returned a 7-byte address for liar.addr in event 1 (4 or 16 expected)",
    })
    void garbageFromExtractFieldsIsAnErrorNamingCaptureEventAndField(String word, String field, String message)
            throws Exception {
        Path capture = capture(word);
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "-H", "liar", "-f", field, "--text");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("scapula replay: " + capture + ": liar: plugin_extract_fields " + message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anExtractionErrorReturnIsShownWithThePluginsLastErrorAndTheFieldHasNoValue() throws Exception {
        CommandRun run = CommandRun.of("replay", "-r", capture("error").toString(), "-H", "liar", "-f", "liar.count",
                "-f", "evt.num");

        // as libsinsp: a failed extraction is "no value", reported once with the plugin's own words
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: liar: plugin_extract_fields returned SS_PLUGIN_FAILURE",
                "liar: cannot extract from an event that says error", "event 1");
        assertThat(run.err().lines().filter(l -> l.contains("SS_PLUGIN_FAILURE"))).hasSize(1);
        assertThat(run.out().lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"liar.count\":null"));
    }

    @Test
    void aParseErrorReturnIsShownWithThePluginsLastErrorAndTheReplayGoesOn() throws Exception {
        CommandRun run = CommandRun.of("replay", "-r", capture("parse_error").toString(), "-H", "liar", "-f",
                "liar.word", "--text");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("liar: plugin_parse_event returned SS_PLUGIN_FAILURE",
                "liar: cannot parse an event that says parse_error");
        assertThat(run.out().lines()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong_id   | unexpected plugin ID in plugin event 1: 4242 (the plugin's ID is 9013)",
        "null_event | plugin_next_batch event 0 of 1 is NULL",
        "huge_count | plugin_next_batch returned 1073741824 events, more than a batch can hold (at most 1048576)",
        "bad_length | malformed plugin event 1 from plugin_next_batch: expected type 322, 2 parameters, lengths 4 "
                + "and len-38; found type 322, len 148",
    })
    void aBadBatchFromNextBatchEndsTheRecordingWithAClearError(String mode, String message) throws Exception {
        Path out = dir.resolve(mode + ".scap");
        CommandRun run = CommandRun.of("record", "-I", "liar:" + mode, "-w", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("scapula record: liar: " + message);
    }

    @Test
    void goodBatchesFromLiarRecordAndReplay() throws Exception {
        // the control: liar's protocol is sound when it is not asked to lie
        Path out = dir.resolve("fine.scap");
        CommandRun rec = CommandRun.of("record", "-I", "liar:fine", "-w", out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        try (CaptureReader r = CaptureReader.open(out)) {
            assertThat(r.next().asPluginEvent().pluginId()).isEqualTo(LIAR_ID);
        }
        CommandRun run = CommandRun.of("replay", "-r", out.toString(), "-H", "liar", "-f", "liar.word", "-f",
                "liar.count", "-f", "liar.list", "-f", "liar.addr", "--text");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(10).allSatisfy(l -> assertThat(l).contains("fine", "7"));
    }
}

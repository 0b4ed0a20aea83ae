package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.interop.ExternalTool;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** scapula recover keeps every complete event of a cut capture, with its manifest, and says what it dropped. */
class RecoverCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path recordCounter(String name, String... extra) throws Exception {
        Path out = dir.resolve(name);
        String[] args = {"record", "-I", "counter:count=3000;size=40", "-w", out.toString()};
        if (extra.length > 0) {
            args = java.util.stream.Stream.concat(Arrays.stream(args), Arrays.stream(extra)).toArray(String[]::new);
        }
        CommandRun rec = CommandRun.of(args);
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        return out;
    }

    /** What scapula info says about a file it reads cleanly (exit 0: no truncation, no damage). */
    private static JsonNode info(Path file) throws Exception {
        CommandRun run = CommandRun.of("info", "-j", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 40, 77})
    void aPlainCaptureCutInsideAnEventKeepsEveryEventBeforeIt(int cutInto) throws Exception {
        Path whole = recordCounter("whole.scap");
        byte[] bytes = Files.readAllBytes(whole);
        // each event block: 8 header + 2 cpuid + 78 event (26 header, 8 lengths, 4 id, 40 payload) + 4 trailer = 92 bytes
        int cut = bytes.length - 92 * 10 - cutInto;
        Path damaged = dir.resolve("cut.scap");
        Files.write(damaged, Arrays.copyOf(bytes, cut));
        Path saved = dir.resolve("saved.scap");

        CommandRun run = CommandRun.of("recover", damaged.toString(), saved.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        long kept = bytes.length - 92L * 11;
        assertThat(run.err()).contains("recovered 2,989 events (" + String.format("%,d", kept) + " bytes)")
                .contains("dropped " + (92 - cutInto) + " bytes after byte " + String.format("%,d", kept))
                .contains("truncated at byte " + kept);
        assertThat(Files.readAllBytes(saved)).isEqualTo(Arrays.copyOf(bytes, (int) kept));
        JsonNode info = info(saved);
        assertThat(info.get("events").asLong()).isEqualTo(2989);
        assertThat(info.get("manifest").get("plugins").get(0).get("open_params").asText())
                .isEqualTo("count=3000;size=40");
    }

    @Test
    void aGzipCaptureCutByAKillIsRecoveredAsGzipThatSysdigReads() throws Exception {
        Path whole = recordCounter("whole.scap.gz", "-z");
        byte[] bytes = Files.readAllBytes(whole);
        Path damaged = dir.resolve("cut.scap.gz");
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Path saved = dir.resolve("saved.scap.gz");

        CommandRun run = CommandRun.of("recover", damaged.toString(), saved.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("gzip").contains("dropped");
        Matcher m = Pattern.compile("recovered ([\\d,]+) events").matcher(run.err());
        assertThat(m.find()).isTrue();
        long events = Long.parseLong(m.group(1).replace(",", ""));
        assertThat(events).isBetween(1L, 2999L);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(saved))) {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            in.transferTo(plain); // a complete gzip member: no "unexpected end"
            assertThat(plain.size()).isGreaterThan(0);
        }
        assertThat(info(saved).get("events").asLong()).isEqualTo(events);
        ExternalTool.require("sysdig");
        List<String> lines = ExternalTool.run("sysdig", "-r", saved.toString());
        assertThat(lines).hasSize((int) events);
    }

    @Test
    void aCutZstdCaptureIsRecoveredAsZstd() throws Exception {
        // zstd decodes whole blocks only (up to 128 KiB): record enough for a cut to leave several behind
        Path whole = dir.resolve("whole.scap.zst");
        assertThat(CommandRun.of("record", "--zstd", "-I", "counter:count=100000;size=40", "-w", whole.toString())
                .exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(whole);
        Path damaged = dir.resolve("cut.scap.zst");
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length / 2));
        Path saved = dir.resolve("saved.scap.zst");
        CommandRun run = CommandRun.of("recover", damaged.toString(), saved.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("zstd", "dropped");
        JsonNode info = info(saved);
        assertThat(info.get("compression").asText()).isEqualTo("zstd");
        assertThat(info.get("events").asLong()).isBetween(1L, 99_999L);
    }

    @Test
    void aCompleteCaptureIsCopiedWhole() throws Exception {
        Path whole = recordCounter("whole.scap");
        Path saved = dir.resolve("saved.scap");
        CommandRun run = CommandRun.of("recover", whole.toString(), saved.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("recovered 3,000 events", "nothing dropped");
        assertThat(Files.readAllBytes(saved)).isEqualTo(Files.readAllBytes(whole));
    }

    @Test
    void aCorruptBlockInTheMiddleKeepsTheEventsBeforeIt() throws Exception {
        Path whole = recordCounter("whole.scap");
        byte[] bytes = Files.readAllBytes(whole);
        int block = bytes.length - 92 * 100; // the first byte of event 2,901's block
        bytes[block + 92 - 1] ^= 0x55; // its trailing length no longer matches
        Path damaged = dir.resolve("bad.scap");
        Files.write(damaged, bytes);
        Path saved = dir.resolve("saved.scap");
        CommandRun run = CommandRun.of("recover", damaged.toString(), saved.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("recovered 2,900 events", "trailing length",
                "dropped " + String.format("%,d", 92 * 100) + " bytes after byte " + String.format("%,d", block));
        assertThat(info(saved).get("events").asLong()).isEqualTo(2900);
    }

    @Test
    void refusesUnreadableInputAndKeepsAnExistingOutput() throws Exception {
        Path junk = dir.resolve("junk.scap");
        byte[] random = new byte[4096];
        new SplittableRandom(5).nextBytes(random);
        Files.write(junk, random);
        Path saved = dir.resolve("saved.scap");
        CommandRun bad = CommandRun.of("recover", junk.toString(), saved.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(junk + " is unreadable", "byte 0: not a .scap capture: it starts with ");
        assertThat(Files.exists(saved)).isFalse();

        Path whole = recordCounter("whole.scap");
        Files.writeString(saved, "precious");
        CommandRun kept = CommandRun.of("recover", whole.toString(), saved.toString());
        assertThat(kept.exitCode()).isEqualTo(2);
        assertThat(kept.err()).contains("exists; give --force");
        assertThat(Files.readString(saved)).isEqualTo("precious");
        assertThat(CommandRun.of("recover", "--force", whole.toString(), saved.toString()).exitCode()).isZero();
        assertThat(info(saved).get("events").asLong()).isEqualTo(3000);
        assertThat(CommandRun.of("recover", "--force", whole.toString(), whole.toString()).exitCode()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}

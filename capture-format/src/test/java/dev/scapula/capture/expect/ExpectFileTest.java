package dev.scapula.capture.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.io.Compression;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Live values written beside a capture come back in order, only for that capture; a crash
 * mid-line loses only that line, and every other fault is refused naming file, line and what was
 * expected.
 */
class ExpectFileTest {
    @TempDir
    Path dir;

    /** A capture of {@code events} plugin events, each with a payload that tells it from the others. */
    private Path capture(String name, int events, Compression compression) throws IOException {
        Path capture = dir.resolve(name);
        try (CaptureWriter w = CaptureWriter.create(capture, CaptureOptions.plain().withCompression(compression))) {
            for (int i = 0; i < events; i++) {
                w.writePluginEvent(1_700_000_000_000_000_000L + i, -1, 999, ("event " + i + " of " + name)
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return capture;
    }

    private Path write(int events) throws IOException {
        Path capture = capture("c.scap", 3000, Compression.NONE);
        try (ExpectWriter w = ExpectWriter.create(capture, List.of("f.seq", "f.list"))) {
            for (int i = 1; i <= events; i++) {
                w.startEvent(i + 1);
                w.field("f.seq", List.of((long) i));
                w.field("f.list", i % 2 == 0 ? List.of() : List.of("a\"b", true));
                w.endEvent();
            }
        }
        return capture;
    }

    private static String sha256(byte[] bytes, int length) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(bytes, 0, length);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void valuesComeBackInOrderAsText() throws Exception {
        Path capture = write(3);
        assertThat(ExpectFile.of(capture).getFileName().toString()).isEqualTo("c.scap.expect.jsonl");
        assertThat(Files.readAllLines(ExpectFile.of(capture))).hasSize(4).allMatch(l -> l.startsWith("{"));
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            assertThat(r.fields()).containsExactly("f.seq", "f.list");
            assertThat(r.next()).isEqualTo(new ExpectedValues(2, Map.of("f.seq", List.of("1"),
                    "f.list", List.of("a\"b", "true"))));
            assertThat(r.next().values()).containsEntry("f.list", List.of());
            assertThat(r.next().eventNumber()).isEqualTo(4);
            assertThat(r.next()).isNull();
            assertThat(r.truncatedLines()).isZero();
        }
        assertThat(ExpectReader.forCapture(dir.resolve("none.scap"))).isEmpty();
    }

    @Test
    void theHeaderNamesTheCaptureAndTheSha256OfItsFirst64KiB() throws Exception {
        Path capture = write(1);
        byte[] bytes = Files.readAllBytes(capture);
        assertThat(bytes.length).isGreaterThan(64 * 1024);
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            assertThat(r.captureName()).isEqualTo("c.scap");
            assertThat(r.capturePrefix().bytes()).isEqualTo(64 * 1024);
            assertThat(r.capturePrefix().sha256()).isEqualTo(sha256(bytes, 64 * 1024));
        }
    }

    @Test
    void aCompressedCaptureIsNamedByItsUncompressedBytesAndAShortOneByAllOfThem() throws Exception {
        Path gz = capture("z.scap", 20, Compression.GZIP);
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            plain = in.readAllBytes();
        }
        assertThat(plain.length).isLessThan(64 * 1024);
        ExpectWriter.create(gz, List.of("f.seq")).close();
        try (ExpectReader r = ExpectReader.forCapture(gz).orElseThrow()) {
            assertThat(r.capturePrefix().bytes()).isEqualTo(plain.length);
            assertThat(r.capturePrefix().sha256()).isEqualTo(sha256(plain, plain.length));
        }
    }

    @Test
    void whileRecordingTheLinesWaitForTheHeader() throws Exception {
        Path capture = capture("rec.scap", 10, Compression.NONE);
        Path file = ExpectFile.of(capture);
        try (ExpectWriter w = ExpectWriter.forRecording(capture, List.of("f.seq"))) {
            w.startEvent(1);
            w.field("f.seq", List.of(0L));
            w.endEvent();
            w.flush();
            assertThat(Files.size(file)).isZero();
            assertThat(w.identified()).isFalse();
            w.identify(dev.scapula.capture.io.CapturePrefix.of(capture, 64 * 1024));
            w.startEvent(2);
            w.field("f.seq", List.of(1L));
            w.endEvent();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"scapula_expect\":2,\"capture\":\"rec.scap\",\"capture_bytes\":");
        assertThat(lines.get(1)).isEqualTo("{\"evt\":1,\"v\":{\"f.seq\":[\"0\"]}}");
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            assertThat(r.next().eventNumber()).isEqualTo(1);
            assertThat(r.next().eventNumber()).isEqualTo(2);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void aSidecarOfAnotherCaptureIsRefused() throws Exception {
        Path capture = write(3);
        Path sidecar = ExpectFile.of(capture);
        Path other = capture("d.scap", 3000, Compression.NONE);
        Files.copy(sidecar, ExpectFile.of(other));
        assertThatThrownBy(() -> ExpectReader.forCapture(other)).isInstanceOf(ExpectFileException.class)
                .hasMessage(ExpectFile.of(other) + ": line 1: written for capture c.scap, not d.scap (a sidecar "
                        + "belongs to the file it was recorded with)");

        // the same name, another recording: its first bytes tell them apart
        try (CaptureWriter w = CaptureWriter.create(capture, CaptureOptions.plain())) {
            for (int i = 0; i < 3000; i++) {
                w.writePluginEvent(1_800_000_000_000_000_000L + i, -1, 999, new byte[20]);
            }
        }
        String actual = sha256(Files.readAllBytes(capture), 64 * 1024);
        assertThatThrownBy(() -> ExpectReader.forCapture(capture)).isInstanceOf(ExpectFileException.class)
                .hasMessageStartingWith(sidecar + ": line 1: written for another recording named c.scap: the first "
                        + "65536 bytes of " + capture + " have sha256 " + actual + ", the sidecar expects ");

        Files.delete(capture);
        capture("c.scap", 5, Compression.NONE);
        assertThatThrownBy(() -> ExpectReader.forCapture(capture)).isInstanceOf(ExpectFileException.class)
                .hasMessageStartingWith(sidecar + ": line 1: written for a capture of at least 65536 bytes "
                        + "(uncompressed), but " + capture + " has ");
    }

    @Test
    void aLastLineCutShortEndsTheValuesAndIsCounted() throws Exception {
        Path capture = write(3);
        Path file = ExpectFile.of(capture);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 10));
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            // the first two events come back whole; the third line lost its last 10 bytes
            assertThat(r.next()).isEqualTo(new ExpectedValues(2, Map.of("f.seq", List.of("1"),
                    "f.list", List.of("a\"b", "true"))));
            assertThat(r.next()).isEqualTo(new ExpectedValues(3, Map.of("f.seq", List.of("2"),
                    "f.list", List.of())));
            assertThat(r.next()).isNull();
            assertThat(r.truncatedLines()).isEqualTo(1);
        }
        // a complete last line without its newline is a whole line
        Files.write(file, Arrays.copyOf(all, all.length - 1));
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            r.next();
            r.next();
            assertThat(r.next().eventNumber()).isEqualTo(4);
            assertThat(r.truncatedLines()).isZero();
        }
    }

    /** Line 3 of a good sidecar (event 3, after event 2) replaced by {@code line}; the error names that line. */
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "garbage                                        | expected one JSON object {\"evt\":N,\"v\":{...}}, but it is not JSON",
        "`{\"evt\":3,`                                  | expected one JSON object {\"evt\":N,\"v\":{...}}, but it is not JSON",
        "`{\"evt\":3,\"v\":{\"f.seq\":[\"2\"]}} {}`     | but it is not JSON",
        "``                                             | expected {\"evt\":N,\"v\":{...}}, found an empty line",
        "[1,2]                                          | expected {\"evt\":N,\"v\":{...}}, found a list",
        "`\"text\"`                                     | expected {\"evt\":N,\"v\":{...}}, found a string (\"text\")",
        "`{\"evt\":\"3\",\"v\":{\"f.seq\":[\"2\"]}}`    | expected \"evt\" to be an event number (an integer from 1), found a string (\"3\")",
        "`{\"evt\":{},\"v\":{\"f.seq\":[\"2\"]}}`       | expected \"evt\" to be an event number (an integer from 1), found an object",
        "`{\"evt\":3.5,\"v\":{\"f.seq\":[\"2\"]}}`      | expected \"evt\" to be an event number (an integer from 1), found a fraction (3.5)",
        "`{\"evt\":null,\"v\":{\"f.seq\":[\"2\"]}}`     | expected \"evt\" to be an event number (an integer from 1), found null",
        "`{\"evt\":99999999999999999999,\"v\":{}}`      | expected \"evt\" to be an event number (an integer from 1), found an integer",
        "`{\"v\":{\"f.seq\":[\"2\"]}}`                  | expected \"evt\", which is missing",
        "`{\"evt\":3}`                                  | expected \"v\", which is missing",
        "`{\"evt\":2,\"v\":{\"f.seq\":[\"2\"]}}`        | expected an event number above 2 (the previous line's), found 2",
        "`{\"evt\":1,\"v\":{\"f.seq\":[\"2\"]}}`        | expected an event number above 2 (the previous line's), found 1",
        "`{\"evt\":3,\"v\":[]}`                         | expected \"v\" to be an object of field values, found a list",
        "`{\"evt\":3,\"v\":{\"f.seq\":\"2\"}}`          | expected field f.seq of event 3 to be a list of strings, found a string (\"2\")",
        "`{\"evt\":3,\"v\":{\"f.seq\":[2]}}`            | expected field f.seq of event 3 to be a list of strings, found an element that is an integer (2)",
        "`{\"evt\":3,\"v\":{}}`                         | event 3 lacks field f.seq (every line has every header field; no value is [])",
        "`{\"evt\":3,\"v\":{\"f.seq\":[],\"f.other\":[]}}` | event 3 has field f.other, which the header does not list (f.seq)",
        "`{\"evt\":3,\"v\":{\"f.seq\":[]},\"x\":1}`     | unexpected key \"x\" (expected only evt, v)",
        "`{\"evt\":3,\"evt\":4,\"v\":{\"f.seq\":[]}}`   | but it is not JSON: Duplicate field 'evt'",
    })
    void aBadLineBeforeTheLastIsRefusedNamingFileLineAndWhatWasExpected(String line, String expected)
            throws Exception {
        Path capture = capture("bad.scap", 10, Compression.NONE);
        try (ExpectWriter w = ExpectWriter.create(capture, List.of("f.seq"))) {
            for (int n = 1; n <= 4; n++) {
                w.startEvent(n);
                w.field("f.seq", List.of(n - 1));
                w.endEvent();
            }
        }
        Path file = ExpectFile.of(capture);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(3, line);
        Files.write(file, lines, StandardCharsets.UTF_8);
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            r.next();
            r.next();
            assertThatThrownBy(r::next).isInstanceOf(ExpectFileException.class)
                    .hasMessageStartingWith(file + ": line 4: ").hasMessageContaining(expected);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"hello\":1}`                                | line 1: expected the header {\"scapula_expect\":2,\"capture\":...}, found an object",
        "`{\"scapula_expect\":1,\"capture\":\"h.scap\",\"fields\":[\"f.seq\"]}` | line 1: format version 1 comes from an older scapula, whose sidecars do not say which capture they belong to; record the capture again with record --expect",
        "`{\"scapula_expect\":3}`                       | line 1: format version 3 is newer than this reader (2)",
        "`{\"scapula_expect\":\"2\"}`                   | line 1: expected a format version (a positive integer) in \"scapula_expect\", found a string (\"2\")",
        "`{\"scapula_expect\":2,\"capture\":\"h.scap\",\"capture_bytes\":65536,\"capture_sha256\":\"abc\",\"fields\":[\"f\"]}` | line 1: expected \"capture_sha256\" to be 64 lower-case hex digits, found \"abc\"",
        "`{\"scapula_expect\":2,\"capture\":\"h.scap\",\"capture_bytes\":0,\"capture_sha256\":\"abc\",\"fields\":[\"f\"]}` | line 1: expected \"capture_bytes\" to be an integer from 1 to 65536, found an integer (0)",
        "`{\"scapula_expect\":2,\"capture\":1,\"capture_bytes\":10,\"capture_sha256\":\"abc\",\"fields\":[\"f\"]}` | line 1: expected \"capture\" to be a string, found an integer (1)",
        "`{\"scapula_expect\":2,\"capture\":\"h.scap\",\"capture_bytes\":10,\"capture_sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"fields\":[]}` | line 1: expected \"fields\" to be a non-empty list of field names, found a list",
        "`{\"scapula_expect\":2,\"capture\":\"h.scap\",\"capture_bytes\":10,\"capture_sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"fields\":[\"f\",\"f\"]}` | line 1: field f is listed twice in \"fields\"",
        "`{\"scapula_expect\":2,\"capture\":\"h.scap\",\"capture_bytes\":10,\"capture_sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"fields\":[{}]}` | line 1: expected every entry of \"fields\" to be a field name, found an object",
        "`{\"scapula_expect\":2,\"capture\":\"h.sc`     | line 1: cut short: the header line is not JSON",
        "``                                             | line 1: expected the header, but the file is empty (the recording ended before it wrote one); record the capture again with record --expect",
    })
    void aBadHeaderIsRefused(String header, String expected) throws Exception {
        Path capture = capture("h.scap", 10, Compression.NONE);
        Path file = ExpectFile.of(capture);
        boolean cut = header.endsWith(".sc");
        Files.writeString(file, header.isEmpty() || cut ? header : header + "\n{\"evt\":1,\"v\":{\"f\":[]}}\n");
        assertThatThrownBy(() -> ExpectReader.forCapture(capture)).isInstanceOf(ExpectFileException.class)
                .hasMessageStartingWith(file + ": " + expected);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedUnlessTheyEndACutLastLine() throws Exception {
        byte[] header = ("{\"scapula_expect\":2,\"capture\":\"u.scap\",\"capture_bytes\":10,\"capture_sha256\":\""
                + "0".repeat(64) + "\",\"fields\":[\"f\"]}\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"evt\":1,\"v\":{\"f\":[\"\u00e9\"]}}".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(bad, bad.length - 5); // after the first of the two bytes of the accented e
        byte[] file = new byte[header.length + cut.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(cut, 0, file, header.length, cut.length);
        try (ExpectReader r = ExpectReader.read("u.jsonl", new ByteArrayInputStream(file))) {
            assertThat(r.next()).isNull();
            assertThat(r.truncatedLines()).isEqualTo(1);
        }
        byte[] whole = Arrays.copyOf(file, file.length + 1);
        whole[whole.length - 1] = '\n';
        try (ExpectReader r = ExpectReader.read("u.jsonl", new ByteArrayInputStream(whole))) {
            assertThatThrownBy(r::next).isInstanceOf(ExpectFileException.class)
                    .hasMessage("u.jsonl: line 2: expected UTF-8 text, found bytes that are not UTF-8");
        }
        // UTF-32 looking bytes (a fuzzer's find): Jackson would guess the encoding and throw its own error
        byte[] utf32 = {0, 0, 0, '{', '"', 's', '"', ':', '1', '}', '\n'};
        assertThatThrownBy(() -> ExpectReader.read("w.jsonl", new ByteArrayInputStream(utf32)))
                .isInstanceOf(ExpectFileException.class).hasMessageStartingWith("w.jsonl: line 1: ");
    }

    /** A line of 60 MB, made as it is read: refused at the limit, before the rest is read. */
    @Test
    void anOverlongLineIsRefusedWithoutReadingItWhole() throws Exception {
        byte[] head = ("{\"scapula_expect\":2,\"capture\":\"l.scap\",\"capture_bytes\":10,\"capture_sha256\":\""
                + "0".repeat(64) + "\",\"fields\":[\"f\"]}\n{\"evt\":1,\"v\":{\"f\":[\"").getBytes(StandardCharsets.UTF_8);
        long[] served = {0};
        InputStream endless = new InputStream() {
            private long left = 60_000_000L;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                left--;
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                served[0] += n;
                return n;
            }
        };
        try (ExpectReader r = ExpectReader.read("long.jsonl", new SequenceInputStream(new ByteArrayInputStream(head),
                endless))) {
            assertThatThrownBy(r::next).isInstanceOf(ExpectFileException.class).hasMessage(
                    "long.jsonl: line 2: the line is longer than 16,777,216 bytes, the most a sidecar line may be");
        }
        assertThat(served[0]).isLessThan(ExpectFile.MAX_LINE_BYTES + (1 << 17));
    }

    @Test
    void aLineJustUnderTheLimitIsRead() throws Exception {
        Path capture = capture("ok.scap", 10, Compression.NONE);
        String value = "y".repeat(ExpectFile.MAX_LINE_BYTES - 40);
        try (ExpectWriter w = ExpectWriter.create(capture, List.of("f"))) {
            w.startEvent(1);
            w.field("f", List.of(value));
            w.endEvent();
        }
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            assertThat(r.next().values().get("f")).containsExactly(value);
        }
    }
}

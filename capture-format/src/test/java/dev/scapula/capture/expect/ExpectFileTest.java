package dev.scapula.capture.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live values written beside a capture come back in order, and a crash mid-line loses only that line. */
class ExpectFileTest {
    @TempDir
    Path dir;

    private Path write(int events) throws IOException {
        Path capture = dir.resolve("c.scap");
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
    }

    @Test
    void aLastLineCutShortEndsTheValuesAndIsCounted() throws Exception {
        Path capture = write(3);
        Path file = ExpectFile.of(capture);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 10));
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            // the first two events come back whole; the third line lost its last 10 bytes
            assertThat(r.next()).isEqualTo(new ExpectedValues(2, Map.of("f.seq", List.of("1"),
                    "f.list", List.of("a\"b", "true"))));
            assertThat(r.next()).isEqualTo(new ExpectedValues(3, Map.of("f.seq", List.of("2"),
                    "f.list", List.of())));
            assertThat(r.next()).isNull();
            assertThat(r.truncatedLines()).isEqualTo(1);
        }
    }

    @Test
    void damageBeforeTheLastLineIsAnErrorNamingFileAndLine() throws Exception {
        Path capture = write(3);
        Path file = ExpectFile.of(capture);
        List<String> lines = Files.readAllLines(file);
        lines.set(2, "{\"evt\":3,");
        Files.write(file, lines, StandardCharsets.UTF_8);
        try (ExpectReader r = ExpectReader.forCapture(capture).orElseThrow()) {
            r.next();
            assertThatThrownBy(r::next).hasMessageContaining(file + ": line 3: not JSON");
        }
        Files.writeString(file, "{\"hello\":1}\n");
        assertThatThrownBy(() -> ExpectReader.forCapture(capture))
                .hasMessageContaining("line 1: the first line is not a scapula_expect header");
        assertThat(ExpectReader.forCapture(dir.resolve("none.scap"))).isEmpty();
    }
}

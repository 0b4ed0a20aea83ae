package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.event.Event;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gzip capture decompressed on a second thread ({@link CaptureReader#openReadingAhead}) reads
 * as the same events, and a cut or corrupt file fails after the same events with the same error.
 */
class ReadingAheadTest {
    /** Enough events for several of the read-ahead's chunks. */
    private static final int EVENTS = 40_000;

    @TempDir
    Path dir;

    private static byte[] gzipCapture(int events) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureWriter.to("plain", plain, CaptureOptions.plain())) {
            for (int i = 0; i < events; i++) {
                w.writePluginEvent(i, -1, 9001, new byte[] {(byte) i, (byte) (i >> 8), 1, 2, 3});
            }
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain.toByteArray());
        }
        return gz.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Reads to the end; returns the events read, and the failure at the end (null when none). */
    private static Object[] readAll(CaptureReader r) {
        int n = 0;
        try {
            for (Event e = r.next(); e != null; e = r.next()) {
                assertThat(e.timestamp()).as("event %d", n).isEqualTo(n);
                assertThat(e.paramBytes(1)[0]).isEqualTo((byte) n);
                n++;
            }
            return new Object[] {n, null};
        } catch (IOException e) {
            return new Object[] {n, e};
        }
    }

    @Test
    void everyEventComesThroughInOrder() throws Exception {
        Path p = write("ahead.scap.gz", gzipCapture(EVENTS));
        try (CaptureReader r = CaptureReader.openReadingAhead(p)) {
            Object[] got = readAll(r);
            assertThat(got[1]).isNull();
            assertThat(got[0]).isEqualTo(EVENTS);
        }
    }

    @Test
    void aCorruptTrailerFailsAfterTheSameEventsWithTheSameMessage() throws Exception {
        byte[] file = gzipCapture(EVENTS);
        file[file.length - 6] ^= 0x55; // inside the CRC-32 of the gzip trailer
        Path p = write("crc.scap.gz", file);
        Object[] inline;
        try (CaptureReader r = CaptureReader.open(p)) {
            inline = readAll(r);
        }
        try (CaptureReader r = CaptureReader.openReadingAhead(p)) {
            Object[] ahead = readAll(r);
            assertThat(ahead[0]).isEqualTo(EVENTS);
            assertThat((Throwable) ahead[1]).isInstanceOf(CaptureException.class)
                    .hasMessageContaining("gzip stream is corrupt")
                    .hasMessage(((Throwable) inline[1]).getMessage());
        }
    }

    @Test
    void aCutFileIsTruncatedAfterTheSameEventsWithTheSameMessage() throws Exception {
        byte[] file = gzipCapture(EVENTS);
        Path p = write("cut.scap.gz", Arrays.copyOf(file, file.length * 2 / 3));
        Object[] inline;
        try (CaptureReader r = CaptureReader.open(p)) {
            inline = readAll(r);
        }
        try (CaptureReader r = CaptureReader.openReadingAhead(p)) {
            Object[] ahead = readAll(r);
            assertThat((int) ahead[0]).isGreaterThan(0).isLessThan(EVENTS).isEqualTo(inline[0]);
            assertThat((Throwable) ahead[1]).isInstanceOf(TruncatedCaptureException.class)
                    .hasMessage(((Throwable) inline[1]).getMessage());
        }
    }

    @Test
    void closingBeforeTheEndStopsTheReadingThread() throws Exception {
        Path p = write("early.scap.gz", gzipCapture(EVENTS));
        CaptureReader r = CaptureReader.openReadingAhead(p);
        assertThat(r.next().timestamp()).isZero();
        r.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("scapula-read early.scap.gz"));
    }
}

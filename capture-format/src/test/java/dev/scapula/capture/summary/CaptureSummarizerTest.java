package dev.scapula.capture.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureOrder;
import dev.scapula.capture.recover.Recovery;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What info counts in a capture, the rotated-files order warning and recover's read-back, on files written here. */
class CaptureSummarizerTest {
    private static final long UNSET = -1L;

    @TempDir
    Path dir;

    private Path capture(String name, long... timestamps) throws Exception {
        Path file = dir.resolve(name);
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain())) {
            for (long ts : timestamps) {
                w.writePluginEvent(ts, -1, 9001, new byte[10]);
            }
        }
        return file;
    }

    @Test
    void countsEventsTimesAndTheFirstEventOutOfOrder() throws Exception {
        Path file = capture("c.scap", 10, 30, 20, UNSET, 40);
        List<long[]> seen = new ArrayList<>();
        CaptureSummary s = new CaptureSummarizer().summarize(file.toString(), (n, bytes) -> seen.add(new long[] {n}));
        assertThat(s.events()).isEqualTo(5);
        assertThat(seen).hasSize(5);
        assertThat(s.firstTimestamp()).isEqualTo(10);
        assertThat(s.lastTimestamp()).isEqualTo(40);
        assertThat(s.durationNanos()).isEqualTo(30);
        assertThat(s.unsetTimestamps()).isEqualTo(1);
        assertThat(s.outOfOrderTimestamps()).isEqualTo(1);
        assertThat(s.firstOutOfOrderEvent()).isEqualTo(3);
        assertThat(s.eventsByPlugin()).containsExactly(new CaptureSummary.PluginCount(9001, null, null, 5, 0));
        assertThat(s.damage()).isNull();
        assertThat(s.manifest()).isNull();
    }

    @Test
    void aCutFileIsSummarizedUpToTheDamageWhichIsReported() throws Exception {
        byte[] full = Files.readAllBytes(capture("full.scap", 1, 2, 3, 4));
        Path cut = dir.resolve("cut.scap");
        Files.write(cut, Arrays.copyOf(full, full.length - 10));
        CaptureSummary s = new CaptureSummarizer().summarize(cut.toString(), (n, bytes) -> { });
        assertThat(s.events()).isEqualTo(3);
        assertThat(s.damage().kind()).isEqualTo("truncated");
        assertThat(s.damage().completeEvents()).isEqualTo(3);
        assertThat(s.damage().message()).contains(cut.toString());

        Path saved = dir.resolve("saved.scap");
        Recovery recovery = new Recovery();
        Recovery.Report report = recovery.copy(cut, recovery.scan(cut), saved, false);
        assertThat(report.events()).isEqualTo(3);
        assertThat(Recovery.readBack(saved)).isEqualTo(3);
    }

    @Test
    void rotatedFilesGivenNewestFirstAreNamedAndInOrderTheyAreNot() throws Exception {
        Path first = capture("r.scap1", 100, 200);
        Path second = capture("r.scap2", 300, 400);
        List<String> warnings = new ArrayList<>();
        CaptureOrder.warnIfOutOfOrder(List.of(first, second), warnings::add);
        assertThat(warnings).isEmpty();
        CaptureOrder.warnIfOutOfOrder(List.of(second, first), warnings::add);
        assertThat(warnings).singleElement().asString().contains(first + " (first event at 100) is given after "
                + second + " (first event at 300)");
    }
}

package dev.scapula.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record runs time the same events and bytes, and leave nothing behind (no timing asserted). */
class RecordThroughputTest {
    @TempDir
    Path samples;
    @TempDir
    Path work;

    @Test
    void recordsEveryEventAndWritesTheSameBytesRaw() throws Exception {
        RecordThroughput.Run r = new RecordThroughput(samples, "test").run(work, 3_000, 256);
        assertThat(r.recorded().events()).isEqualTo(3_000);
        assertThat(r.recorded().bytes()).as("the capture's size").isGreaterThan(3_000L * 256);
        assertThat(r.raw().bytes()).isEqualTo(r.recorded().bytes());
        assertThat(r.all()).extracting(Measurement::name).containsExactly("raw write of the same bytes, 256 B",
                "scapula record, 256 B", "C host, next_batch only, 256 B");
        assertThat(r.all()).allSatisfy(m -> assertThat(m.nanos()).as(m.name()).isPositive());
        assertThat(r.tenth()).isEqualTo(300);
        assertThat(r.heapAtTenth()).as("measured at the tenth").isPositive();
        assertThat(r.heapAtEnd()).isPositive();
        try (var left = Files.list(work)) {
            assertThat(left).as("the capture and its raw copy are removed").isEmpty();
        }
    }

    @Test
    void theCostIsAgainstTheSlowerBaseline() {
        Measurement raw = new Measurement("raw", 1_000, 1_000_000);
        Measurement c = new Measurement("c", 1_000, 2_000_000);
        RecordThroughput.Run within = new RecordThroughput.Run(1_000, 64, raw, new Measurement("r", 1_000, 2_500_000),
                c, 100, 1, 1);
        RecordThroughput.Run over = new RecordThroughput.Run(1_000, 64, raw, new Measurement("r", 1_000, 2_600_000),
                c, 100, 1, 1);
        assertThat(within.cost()).isEqualTo(1.25);
        assertThat(within.costMet()).isTrue();
        assertThat(over.costMet()).isFalse();
        assertThat(within.targetMet()).as("400,000 events/s").isFalse();
    }
}

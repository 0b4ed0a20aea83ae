package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.scapula.capture.Prerequisite;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A plugin written in Go (cgo, c-shared, no SDK) runs inside the JVM: its runtime's threads and
 * signal handlers coexist with the JVM's own (garbage collection, implicit null checks).
 */
class GoPluginTest {
    @Test
    void aGoExtractorRunsInsideTheJvm() throws Exception {
        boolean built = SamplePlugins.has(SamplePlugins.GO_PLUGIN);
        Prerequisite.require(built, "the Go sample plugin (built when go is installed)");
        try (Plugin p = Plugin.load(SamplePlugins.path(SamplePlugins.GO_PLUGIN))) {
            p.init("");
            List<FieldRequest> requests = List.of(FieldRequest.parse(p.info(), "go.seq"),
                    FieldRequest.parse(p.info(), "go.goroutines_ok"));
            Extractor x = new Extractor(p);
            for (long seq = 0; seq < 20_000; seq++) {
                Memory e = BrokenAndVersionedPluginsTest.counterEvent(
                        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(seq).array());
                List<FieldValue> v = x.extract(e, seq + 1, "counter", requests, false);
                assertThat(v.get(0).values()).containsExactly(seq);
                assertThat(v.get(1).values()).containsExactly(1L);
                if (seq % 5000 == 0) {
                    System.gc();
                }
            }
            // The JVM's own signal-based machinery still works with Go's handlers installed.
            Object nothing = null;
            assertThatThrownBy(() -> nothing.hashCode()).isInstanceOf(NullPointerException.class);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                sums.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < 1_000_000; i++) {
                        sum += Integer.toString(i).length();
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : sums) {
                assertThat(f.get()).isEqualTo(5_888_890L);
            }
            pool.shutdown();
        }
    }
}

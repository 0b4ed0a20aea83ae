package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.plugin.async.AsyncEvents;
import dev.scapula.samples.SamplePlugins;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A plugin thread flooding async events while nobody drains: libsinsp's behaviour drops what the
 * queue of 4,096 cannot hold; backpressure makes the thread wait, and nothing is lost.
 */
class AsyncBackpressureTest {
    private static final int TICKS = 6000;

    private static Plugin flooding() throws PluginException {
        Plugin p = Plugin.load(SamplePlugins.freshCopy("stateful"));
        p.init("{\"tick_us\": 1, \"ticks\": " + TICKS + "}");
        return p;
    }

    @Test
    void withoutBackpressureAFullQueueDropsAndCounts() throws Exception {
        try (Plugin p = flooding(); AsyncEvents async = new AsyncEvents(p, false)) {
            async.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (async.dropped() < TICKS - AsyncEvents.QUEUE_CAPACITY && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(async.dropped()).isEqualTo(TICKS - AsyncEvents.QUEUE_CAPACITY);
        }
    }

    @Test
    void withBackpressureThePluginWaitsAndEveryEventArrives() throws Exception {
        try (Plugin p = flooding(); AsyncEvents async = new AsyncEvents(p, true)) {
            async.start();
            // Nobody drains until the queue is surely full: the plugin thread must be waiting now.
            Thread.sleep(600);
            int received = 0;
            while (received < TICKS && async.poll(5, TimeUnit.SECONDS) != null) {
                received++;
            }
            assertThat(received).isEqualTo(TICKS);
            assertThat(async.dropped()).isZero();
        }
    }
}

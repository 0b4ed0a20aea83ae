package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.plugin.async.AsyncEvents;
import dev.scapula.samples.SamplePlugins;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A plugin thread flooding async events while nobody drains: libsinsp's behaviour drops what the
 * queue of 4,096 cannot hold; backpressure makes the thread wait, and nothing is lost. Each test
 * waits for counts the host keeps, never for a time, so a busy machine only makes it slower.
 */
class AsyncBackpressureTest {
    private static final int TICKS = 6000;

    private static Plugin flooding() throws PluginException {
        Plugin p = Plugin.load(SamplePlugins.freshCopy("stateful"));
        p.init("{\"tick_us\": 1, \"ticks\": " + TICKS + "}");
        return p;
    }

    /** Waits until the count reaches the value (the test's timeout ends a wait that never would). */
    private static void await(LongSupplier count, long value) throws InterruptedException {
        while (count.getAsLong() < value) {
            Thread.sleep(1);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void withoutBackpressureAFullQueueDropsAndCounts() throws Exception {
        try (Plugin p = flooding(); AsyncEvents async = new AsyncEvents(p, false)) {
            async.start();
            // Every tick is either queued or dropped once the plugin's thread has sent them all.
            await(() -> async.queued() + async.dropped(), TICKS);
            assertThat(async.queued()).isEqualTo(AsyncEvents.QUEUE_CAPACITY);
            assertThat(async.dropped()).isEqualTo(TICKS - AsyncEvents.QUEUE_CAPACITY);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void withBackpressureThePluginWaitsAndEveryEventArrives() throws Exception {
        // A wait far beyond any stall of this test's thread: the verdict cannot depend on the machine's speed.
        try (Plugin p = flooding(); AsyncEvents async = new AsyncEvents(p, TimeUnit.MINUTES.toMillis(4))) {
            async.start();
            // Nobody drains until the queue is full: the plugin's thread must be waiting now, not dropping.
            await(async::queued, AsyncEvents.QUEUE_CAPACITY);
            assertThat(async.dropped()).isZero();
            int received = 0;
            while (received < TICKS && async.poll(1, TimeUnit.MINUTES) != null) {
                received++;
            }
            assertThat(received).isEqualTo(TICKS);
            assertThat(async.dropped()).isZero();
        }
    }
}

package dev.scapula.plugin;

import com.sun.jna.Memory;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.samples.SamplePlugins;
import java.util.ArrayList;
import java.util.List;

/** Real events of the counter sample, each copied into native memory of its own, for extraction tests. */
public final class CounterEvents {
    private CounterEvents() {
    }

    /** Every event the counter sample produces when opened with {@code openParams}, in order. */
    public static List<Memory> of(String openParams) throws PluginException {
        List<Memory> events = new ArrayList<>();
        try (Plugin counter = Plugin.load(SamplePlugins.path("counter"))) {
            counter.init("");
            try (SourceInstance in = counter.open(openParams)) {
                while (in.nextBatch((e, len) -> {
                    Memory copy = new Memory(len);
                    copy.write(0, e.getByteArray(0, len), 0, len);
                    events.add(copy);
                }) == ReturnCode.SUCCESS) {
                    // all events
                }
            }
        }
        return events;
    }
}

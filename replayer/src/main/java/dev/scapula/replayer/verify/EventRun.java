package dev.scapula.replayer.verify;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.capture.event.Event;
import dev.scapula.plugin.call.DirectCalls;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive events copied out of the reader, so each instance can be fed the whole
 * run before the next one is: a Go SDK plugin's extraction worker stays awake while its own
 * instance is called back to back, instead of sleeping 10 ms between two turns of the other.
 */
final class EventRun {
    /** Events per run: one wake-up of a sleeping worker (about 10 ms) is paid per run and instance. */
    static final int MAX_EVENTS = 512;
    /** Event bytes per run, so a run of large events stays small in memory. */
    static final long MAX_BYTES = 8L << 20;

    /** One event of the run: where its bytes are in the run's buffer and what verify needs of it. */
    record Item(long number, long timestamp, int type, boolean pluginEvent, String source, long offset) {
    }

    private final List<Item> items = new ArrayList<>();
    private Memory buffer = new Memory(64 * 1024);
    private long used;

    /** Whether the run should be fed before another event is added. */
    boolean full() {
        return items.size() >= MAX_EVENTS || used >= MAX_BYTES;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Copies the event (valid only until the reader moves on) into the run. */
    void add(Event e, String source) {
        int length = e.length();
        if (used + length > buffer.size()) {
            Memory bigger = new Memory(Math.max(buffer.size() * 2, used + length));
            DirectCalls.copyMemory(Pointer.nativeValue(buffer), Pointer.nativeValue(bigger), used);
            buffer = bigger;
        }
        DirectCalls.copyMemory(e.address(), Pointer.nativeValue(buffer) + used, length);
        items.add(new Item(e.number(), e.timestamp(), e.type(), e.isPluginEvent(), source, used));
        used += length;
    }

    List<Item> items() {
        return items;
    }

    /** The event's bytes as a plugin receives them; valid until the run is cleared. */
    Pointer event(Item item) {
        return buffer.share(item.offset());
    }

    void clear() {
        items.clear();
        used = 0;
    }
}

package dev.scapula.plugin.call;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.NativeString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code ss_plugin_event_input} a parse or extract call is given, one per caller and reused
 * for every event: {@link #set} it, then pass {@link #address()} to the plugin.
 *
 * <pre>
 * ss_plugin_event_input (24):  0 evt* | 8 u64 evtnum | 16 const char* evtsrc
 * </pre>
 */
public final class EventInput {
    private static final int SIZE = 24;

    private final Memory memory = new Memory(SIZE);
    /** Its puts are plain memory writes, where each Memory.setLong is a JNI call, on the per-event path. */
    private final ByteBuffer view = memory.getByteBuffer(0, SIZE).order(ByteOrder.nativeOrder());
    /** One native copy per source name: async events ("syscall") alternate with plugin events. */
    private final Map<String, Memory> sourceTexts = new HashMap<>();
    private final long address = DirectCalls.address(memory);
    private Memory source;
    private String sourceName;

    /** Points the input at the event (a v2 event in native memory), its number and its source. */
    public void set(Pointer event, long eventNumber, String eventSource) {
        if (!eventSource.equals(sourceName)) {
            source = sourceTexts.computeIfAbsent(eventSource, NativeString::of);
            sourceName = eventSource;
        }
        view.putLong(0, DirectCalls.address(event));
        view.putLong(8, eventNumber);
        view.putLong(16, DirectCalls.address(source));
    }

    /** The input's native address, as the plugin's functions take it. */
    public long address() {
        return address;
    }
}

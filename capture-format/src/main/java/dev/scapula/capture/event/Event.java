package dev.scapula.capture.event;

import dev.scapula.capture.CaptureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;

/**
 * One event of a capture as a view on the reader's off-heap buffer: valid until the reader
 * moves on; call {@link #copy()} or the {@code as...()} copies to keep it.
 *
 * The block around it is {@link dev.scapula.capture.block.EventBlockLayout}, its header
 * {@link EventHeader}.
 */
public final class Event {
    private ByteBuffer buffer;
    private BytesStore<?, ByteBuffer> store;
    private final EventTypes types;

    String file;
    long number;
    long fileOffset;
    long blockNumber;
    int blockType;
    int cpuId;
    int flags;
    boolean v1;
    int eventIndex;
    long timestamp;
    long threadId;
    int length;
    int type;
    int paramCount;
    int[] paramIndex = new int[16];
    int[] paramLength = new int[16];

    Event(EventTypes types) {
        this.types = types;
    }

    void bind(ByteBuffer buffer, BytesStore<?, ByteBuffer> store) {
        this.buffer = buffer;
        this.store = store;
    }

    void ensureParams(int n) {
        if (paramIndex.length < n) {
            int size = Math.max(n, paramIndex.length * 2);
            paramIndex = new int[size];
            paramLength = new int[size];
        }
    }

    /** 1-based position among the capture's events, as {@code evt.num} counts. */
    public long number() {
        return number;
    }

    /** Offset of the event's block in the uncompressed file. */
    public long fileOffset() {
        return fileOffset;
    }

    public long blockNumber() {
        return blockNumber;
    }

    public int blockType() {
        return blockType;
    }

    public int cpuId() {
        return cpuId;
    }

    /** Dump flags ({@code SCAP_DF_STATE_ONLY} = 1); 0 for blocks without flags. */
    public int flags() {
        return flags;
    }

    /** Nanoseconds since the epoch. */
    public long timestamp() {
        return timestamp;
    }

    /** Thread id; -1 for plugin events, which have no thread. */
    public long threadId() {
        return threadId;
    }

    /** Event length as libscap counts it (v2 header included, for v1 events after conversion). */
    public int length() {
        return length;
    }

    public int type() {
        return type;
    }

    public String typeName() {
        return types.name(type);
    }

    public boolean hasV1Header() {
        return v1;
    }

    public int paramCount() {
        return paramCount;
    }

    public int paramLength(int i) {
        checkParam(i);
        return paramLength[i];
    }

    /** A copy of parameter {@code i}'s bytes. */
    public byte[] paramBytes(int i) {
        checkParam(i);
        byte[] out = new byte[paramLength[i]];
        buffer.get(paramIndex[i], out);
        return out;
    }

    /** A zero-copy view of parameter {@code i}, valid until the reader moves on. */
    public BytesStore<?, ?> paramView(int i) {
        checkParam(i);
        PointerBytesStore view = new PointerBytesStore();
        view.set(store.addressForRead(paramIndex[i]), paramLength[i]);
        return view;
    }

    /** Parameter {@code i} read as an unsigned integer of its own width (1, 2, 4 or 8 bytes). */
    public long paramUnsigned(int i) {
        checkParam(i);
        int at = paramIndex[i];
        switch (paramLength[i]) {
            case 1:
                return buffer.get(at) & 0xffL;
            case 2:
                return buffer.getShort(at) & 0xffffL;
            case 4:
                return buffer.getInt(at) & 0xffffffffL;
            case 8:
                return buffer.getLong(at);
            default:
                throw new IllegalStateException("parameter " + i + " of event " + number + " is "
                        + paramLength[i] + " bytes, not an integer");
        }
    }

    /** Parameter {@code i} as text, cut at the first NUL. */
    public String paramText(int i) {
        byte[] raw = paramBytes(i);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * Native address of the event's first header byte, for handing the event to a plugin
     * without a copy; only v2 events in little-endian sections are laid out as plugins expect.
     */
    public long address() {
        if (v1 || buffer.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("event " + number + " is not a little-endian v2 event; use copy()");
        }
        return store.addressForRead(eventIndex);
    }

    public boolean isPluginEvent() {
        return type == EventTypes.PLUGIN_EVENT;
    }

    public boolean isAsyncEvent() {
        return type == EventTypes.ASYNC_EVENT;
    }

    /** The plugin id of a plugin or async event (parameter 0, u32). */
    public int pluginId() throws CaptureException {
        if (!(isPluginEvent() || isAsyncEvent()) || paramCount < 1 || paramLength[0] != 4) {
            throw invalid("expected a plugin or async event whose parameter 0 (plugin_id) is 4 bytes");
        }
        return buffer.getInt(paramIndex[0]);
    }

    /** This event as a typed plugin event, payload copied. */
    public PluginEvent asPluginEvent() throws CaptureException {
        if (!isPluginEvent() || paramCount != 2) {
            throw invalid("expected a plugin event (type 322) with 2 parameters, found type " + type + " with "
                    + paramCount);
        }
        return new PluginEvent(number, timestamp, threadId, pluginId(), paramBytes(1));
    }

    /** This event as a typed async event, data copied. */
    public AsyncEvent asAsyncEvent() throws CaptureException {
        if (!isAsyncEvent() || paramCount != 3) {
            throw invalid("expected an async event (type 402) with 3 parameters, found type " + type + " with "
                    + paramCount);
        }
        return new AsyncEvent(number, timestamp, threadId, pluginId(), paramText(1), paramBytes(2));
    }

    /** A self-contained copy of every field and parameter. */
    public RawEvent copy() {
        byte[][] params = new byte[paramCount][];
        for (int i = 0; i < paramCount; i++) {
            params[i] = paramBytes(i);
        }
        return new RawEvent(number, timestamp, threadId, type, cpuId, flags, params);
    }

    private CaptureException invalid(String what) {
        return new CaptureException(file, fileOffset, blockNumber, null, "event " + number + ": " + what);
    }

    private void checkParam(int i) {
        if (i < 0 || i >= paramCount) {
            throw new IndexOutOfBoundsException("event " + number + " has " + paramCount + " parameters, not "
                    + (i + 1));
        }
    }
}

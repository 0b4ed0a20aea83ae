package dev.scapula.plugin.isolate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small shared-memory file in which a worker process notes each plugin call just before making
 * it, so that when the worker dies or hangs inside the plugin, the parent that watches it can
 * name the plugin, the call, the event and the payload. Off (every method a no-op) unless the
 * system property {@value #PROPERTY} names the file, which the parent creates with {@link #create}.
 *
 * <pre>
 *    0 u32 magic "SCLG"            4 u32 state: 0 idle, 1 inside a plugin call, 2 finding noted
 *    8 u64 calls entered          16 u64 event number (fuzz: execution number), -1 for none
 *   24 u32 call (PluginCall ordinal)  28 u32 payload length, 0xffffffff for none
 *   32 u64 writer token: which instance last wrote the plugin name
 *   40 u64 progress: events or executions done, as the worker counts them
 *   48 char[80] plugin name, NUL-padded
 *  128 char[1024] capture path, NUL-padded
 * 1152 char[1024] finding message, NUL-padded
 * 2176 payload bytes (up to 64 KiB)
 * </pre>
 *
 * Every plugin keeps its own mapping of the same file; the token tells an instance whether the
 * name in the file is still its own, so a call costs a few stores, not a copy of the name.
 */
public final class CallLog {
    /** The system property naming the file; set on the worker's command line by the parent. */
    public static final String PROPERTY = "scapula.callLog";
    /** The largest payload kept; fuzz payloads are generated within it. */
    public static final int PAYLOAD_CAPACITY = 64 * 1024;

    static final int MAGIC = 0x474c4353; // "SCLG", little-endian
    static final int MAGIC_AT = 0;
    static final int STATE_AT = 4;
    static final int CALLS_AT = 8;
    static final int EVENT_AT = 16;
    static final int CALL_AT = 24;
    static final int PAYLOAD_LENGTH_AT = 28;
    static final int TOKEN_AT = 32;
    static final int PROGRESS_AT = 40;
    static final int PLUGIN_AT = 48;
    static final int PLUGIN_CAPACITY = 80;
    static final int CAPTURE_AT = 128;
    static final int TEXT_CAPACITY = 1024;
    static final int MESSAGE_AT = 1152;
    static final int PAYLOAD_AT = 2176;
    static final int SIZE = PAYLOAD_AT + PAYLOAD_CAPACITY;

    static final int IDLE = 0;
    static final int IN_CALL = 1;
    static final int FINDING = 2;

    private static final CallLog OFF = new CallLog(null, "");

    private final MappedByteBuffer map;
    private final byte[] plugin;
    private final long token = ThreadLocalRandom.current().nextLong();

    private CallLog(MappedByteBuffer map, String plugin) {
        this.map = map;
        this.plugin = truncated(plugin, PLUGIN_CAPACITY);
    }

    /** The log this process writes for {@code plugin}: the file the property names, or off. */
    public static CallLog forPlugin(String plugin) {
        String file = System.getProperty(PROPERTY);
        return file == null || file.isEmpty() ? OFF : new CallLog(map(Path.of(file)), plugin);
    }

    /** The log this process notes its captures in (the same file as its plugins' logs), or off. */
    public static CallLog forHost() {
        return forPlugin("");
    }

    /** Creates (or empties) the log file a worker will be told to write. */
    public static void create(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            m.order(ByteOrder.LITTLE_ENDIAN);
            m.putInt(MAGIC_AT, MAGIC);
            m.putLong(EVENT_AT, -1);
            m.putInt(PAYLOAD_LENGTH_AT, -1);
        }
    }

    private static MappedByteBuffer map(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            m.order(ByteOrder.LITTLE_ENDIAN);
            if (m.getInt(MAGIC_AT) != MAGIC) {
                throw new IllegalStateException(file + " is not a call log (property " + PROPERTY + ")");
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot map the call log (property " + PROPERTY + ")", e);
        }
    }

    /** Whether calls are being logged (this process is a worker watched by a parent). */
    public boolean on() {
        return map != null;
    }

    /** Notes that this plugin is about to be called; {@code eventNumber} -1 when no event is involved. */
    public void enter(PluginCall call, long eventNumber) {
        if (map == null || map.getInt(STATE_AT) == FINDING) {
            return; // a noted finding stays for the parent, through the calls that close the plugins
        }
        if (map.getLong(TOKEN_AT) != token) {
            map.put(PLUGIN_AT, plugin);
            for (int i = plugin.length; i < PLUGIN_CAPACITY; i++) {
                map.put(PLUGIN_AT + i, (byte) 0);
            }
            map.putLong(TOKEN_AT, token);
        }
        map.putLong(EVENT_AT, eventNumber);
        map.putInt(CALL_AT, call.ordinal());
        map.putInt(STATE_AT, IN_CALL);
        map.putLong(CALLS_AT, map.getLong(CALLS_AT) + 1);
    }

    /** Notes that the call returned. */
    public void exit() {
        if (map != null && map.getInt(STATE_AT) == IN_CALL) {
            map.putInt(STATE_AT, IDLE);
        }
    }

    /** Notes how far the worker got (events or executions done), for the parent's counts. */
    public void progress(long done) {
        if (map != null) {
            map.putLong(PROGRESS_AT, done);
        }
    }

    /** Notes which capture the following events come from. */
    public void capture(Path capture) {
        if (map != null) {
            putText(CAPTURE_AT, capture.toString());
        }
    }

    /** Keeps the payload the next calls are given (fuzzing), at most {@link #PAYLOAD_CAPACITY} bytes. */
    public void payload(byte[] data) {
        if (map != null) {
            int n = Math.min(data.length, PAYLOAD_CAPACITY);
            map.put(PAYLOAD_AT, data, 0, n);
            map.putInt(PAYLOAD_LENGTH_AT, n);
        }
    }

    /**
     * Notes a finding that is not a crash (the plugin returned garbage the host refused) for the
     * parent to report like one; the worker exits right after.
     */
    public void finding(PluginCall call, long eventNumber, String message) {
        if (map != null && map.getInt(STATE_AT) != FINDING) {
            enter(call, eventNumber);
            putText(MESSAGE_AT, message);
            map.putInt(STATE_AT, FINDING);
            map.force();
        }
    }

    private void putText(int at, String text) {
        byte[] b = truncated(text, TEXT_CAPACITY);
        map.put(at, b);
        for (int i = b.length; i < TEXT_CAPACITY; i++) {
            map.put(at + i, (byte) 0);
        }
    }

    /** UTF-8 bytes that fit with room for a terminating NUL (a cut may split a character: shown as such). */
    private static byte[] truncated(String s, int capacity) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < capacity) {
            return b;
        }
        byte[] cut = new byte[capacity - 1];
        System.arraycopy(b, 0, cut, 0, cut.length);
        return cut;
    }

    /** What a call log file says now: read by the parent after its worker died, hung or exited. */
    public static CallRecord read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
            m.order(ByteOrder.LITTLE_ENDIAN);
            return CallRecord.from(m);
        }
    }
}

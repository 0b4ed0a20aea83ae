package dev.scapula.plugin.extract;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One extraction's results kept as the bytes the plugin returned, refilled by every
 * {@link Extractor#extract(com.sun.jna.Pointer, long, String, List, ExtractedValues)}: two
 * extractions with the same bytes have the same values, so a caller that only compares them
 * builds no {@link FieldValue} until they differ or it needs the values themselves.
 *
 * <p>Per request, the bytes are a count and the values: u64 for uint64, reltime and abstime, one
 * byte 0 or 1 for bool, u32 length and the UTF-8 bytes of a string, one byte length and the bytes
 * of an address (native byte order). Results the host had to read itself (see
 * {@code plugin_calls.c}) are kept as values instead.
 */
public final class ExtractedValues {
    private List<FieldRequest> requests = List.of();
    /** Small at first: a verify run keeps thousands of these, and fewer cache lines are faster to compare. */
    private byte[] data = new byte[64];
    private int used;
    /** Per request i: where its values start in {@code data} (3i) and end (3i + 1), and how many there are (3i + 2). */
    private int[] layout;
    /** Per request, the values when the host read them itself (null for those kept as bytes); null when none were. */
    private FieldValue[] read;
    private List<FieldValue> values;

    /** Room for one request; it grows to the request list it is filled for. */
    public ExtractedValues() {
        this(1);
    }

    /** Room for {@code fields} requests, so that their layout is allocated beside the object. */
    public ExtractedValues(int fields) {
        layout = new int[3 * fields];
    }

    /** Empties it for an extraction of {@code requests}. */
    void reset(List<FieldRequest> requests) {
        this.requests = requests;
        int n = requests.size();
        if (layout.length < 3 * n) {
            layout = new int[3 * n];
        }
        read = null;
        used = 0;
        values = null;
    }

    /**
     * Appends one call's copied results ({@code length} bytes at {@code at} in {@code copy}, laid
     * out by {@code plugin_calls.c}), the call's field j being request {@code slots[j]}.
     */
    void addCopied(ByteBuffer copy, int at, int length, int[] slots) {
        if (data.length - used < length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, used + length));
        }
        copy.get(at, data, used, length);
        int p = used;
        for (int slot : slots) {
            int section = copy.getInt(at + p - used);
            layout[3 * slot] = p + 8;
            layout[3 * slot + 1] = p + 8 + section;
            layout[3 * slot + 2] = copy.getInt(at + p - used + 4);
            p += 8 + section;
        }
        used += length;
    }

    /** Keeps a value the host read itself. */
    void addRead(int slot, FieldValue value) {
        if (read == null) {
            read = new FieldValue[requests.size()];
        }
        read[slot] = value;
        layout[3 * slot] = 0;
        layout[3 * slot + 1] = 0;
        layout[3 * slot + 2] = value.values().size();
    }

    /** How many fields were requested. */
    public int size() {
        return requests.size();
    }

    /** Whether field {@code i} (in request order) has a value. */
    public boolean present(int i) {
        return layout[3 * i + 2] > 0;
    }

    /**
     * Whether {@code other}, an extraction of the same request list, returned the same bytes for
     * every field: then every value is equal. False says nothing: compare {@link #values()}.
     */
    public boolean sameBytes(ExtractedValues other) {
        // Every field's count and length is in the bytes too: equal bytes are equal fields.
        return read == null && other.read == null && other.requests.size() == requests.size()
                && Arrays.equals(data, 0, used, other.data, 0, other.used);
    }

    /** The values, as {@link Extractor#extract} without offsets returns them. */
    public List<FieldValue> values() {
        if (values == null) {
            FieldValue[] out = new FieldValue[requests.size()];
            ByteBuffer in = ByteBuffer.wrap(data, 0, used).order(ByteOrder.nativeOrder());
            for (int i = 0; i < out.length; i++) {
                out[i] = read != null && read[i] != null ? read[i]
                        : decode(requests.get(i), in, layout[3 * i], layout[3 * i + 2]);
            }
            values = Arrays.asList(out);
        }
        return values;
    }

    private static FieldValue decode(FieldRequest r, ByteBuffer in, int at, int n) {
        List<Object> values;
        if (n == 0) {
            values = List.of();
        } else {
            Object[] many = new Object[n];
            int p = at;
            for (int v = 0; v < n; v++) {
                switch (r.type()) {
                    case UINT64, RELTIME, ABSTIME -> {
                        many[v] = in.getLong(p);
                        p += 8;
                    }
                    case BOOL -> many[v] = in.get(p++) != 0;
                    case STRING -> {
                        int length = in.getInt(p);
                        many[v] = new String(in.array(), p + 4, length, StandardCharsets.UTF_8);
                        p += 4 + length;
                    }
                    default -> {
                        int length = in.get(p);
                        many[v] = address(Arrays.copyOfRange(in.array(), p + 1, p + 1 + length));
                        p += 1 + length;
                    }
                }
            }
            values = List.of(many);
        }
        return new FieldValue(r.display(), r.type(), r.list(), values, null, null);
    }

    static String address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}

package dev.scapula.plugin.extract;

import dev.scapula.plugin.NativeString;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.call.DirectCalls;
import dev.scapula.plugin.call.EventInput;
import dev.scapula.plugin.isolate.PluginCall;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.table.TableDispatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls a plugin's {@code extract_fields} on events in native memory and copies every result
 * out at once, checking what the plugin returned against what it declared. A request list with
 * one field id asked twice (two arguments of one field) takes several calls: see {@link Batching}.
 *
 * <pre>
 * ss_plugin_event_input:              see EventInput
 * ss_plugin_field_extract_input (80):  0 owner | 8 get_owner_last_error | 16 u32 num_fields
 *                                      24 fields* | 32 inline table reader (32) | 64 reader_ext*
 *                                      72 value_offsets*
 * ss_plugin_extract_field (64):        0 res* | 8 u64 res_len | 16 u32 field_id | 24 field*
 *                                      32 arg_key* | 40 u64 arg_index | 48 u32 arg_present
 *                                      52 u32 ftype | 56 u32 flist
 * ss_plugin_byte_buffer (16):          0 u32 len | 8 ptr
 * ss_plugin_extract_value_offsets (16): 0 u32* start | 8 u32* length
 * </pre>
 */
public final class Extractor {
    private static final int EXTRACT_INPUT = 80;
    private static final int FIELD = 64;
    private static final int BYTE_BUFFER = 16;
    /** libsinsp passes the list flag as its EPF_IS_LIST bit, not as 1. */
    private static final int LIST_FLAG = 1 << 6;
    /** How {@code plugin_calls.c} marks a list field in its kinds array. */
    private static final int COPY_LIST_BIT = 1 << 31;
    private static final int COPY_START = 64 * 1024;
    /** Results larger than this are read field by field, not copied at once. */
    private static final int COPY_MAX = 16 << 20;

    private final Plugin plugin;
    private final EventInput eventInput = new EventInput();
    private final Memory extractInput = new Memory(EXTRACT_INPUT);
    private final Memory offsets = new Memory(16);
    // Views of the same native memory: their puts and gets compile to plain memory accesses,
    // where each Memory.setLong is a JNI call; the per-event path writes and reads through them.
    private final ByteBuffer extractInputView = view(extractInput, EXTRACT_INPUT);
    private final ByteBuffer offsetsView = view(offsets, 16);
    /** Prepared field arrays by request list; requests are few and long-lived (one per replay). */
    private final Map<List<FieldRequest>, Prepared> prepared = new HashMap<>();
    /** The address of plugin_extract_fields. */
    private final long extractFields;
    private final Batching batching;
    private Prepared last;
    /** Where {@code DirectCalls.extractCopy} copies a call's results; grown when they did not fit. */
    private Memory copy;
    private ByteBuffer copyView;

    /** An extractor that groups requests by distinct field id ({@link Batching#DISTINCT_IDS}). */
    public Extractor(Plugin plugin) throws PluginException {
        this(plugin, Batching.DISTINCT_IDS);
    }

    /** An extractor that splits each request list into calls as {@code batching} says. */
    public Extractor(Plugin plugin, Batching batching) throws PluginException {
        this(plugin, batching, COPY_START);
    }

    /** An extractor whose copy buffer starts at {@code copyBytes} (tests make it small). */
    Extractor(Plugin plugin, Batching batching, int copyBytes) throws PluginException {
        if (!plugin.info().capabilities().contains(Capability.EXTRACTION)) {
            throw new PluginException(plugin.name() + " does not extract fields");
        }
        this.plugin = plugin;
        this.batching = batching;
        this.copy = new Memory(copyBytes);
        this.copyView = view(copy, copyBytes);
        this.extractFields = DirectCalls.address(plugin.library().require("plugin_extract_fields"));
        extractInput.clear();
        extractInput.setPointer(0, plugin.owner());
        extractInput.setPointer(8, plugin.ownerLastErrorFunction());
        // Read-only access to state tables, as libsinsp gives extractors.
        TableDispatch tables = plugin.tableRegistry().dispatch();
        tables.copyInlineReader(extractInput.share(32));
        extractInput.setPointer(64, tables.readerVtable());
    }

    /** Extracts the requested fields from the event at {@code event} (a v2 event in native memory). */
    public List<FieldValue> extract(Pointer event, long eventNumber, String eventSource, List<FieldRequest> requests,
            boolean withOffsets) throws PluginException {
        Prepared prepared = start(event, eventNumber, eventSource, requests);
        Call[] calls = prepared.calls;
        if (calls.length == 1) {
            return call(calls[0], requests, eventNumber, withOffsets, new FieldValue[requests.size()]);
        }
        FieldValue[] out = new FieldValue[requests.size()];
        for (Call c : calls) {
            call(c, requests, eventNumber, withOffsets, out);
        }
        return Arrays.asList(out);
    }

    /**
     * Extracts the requested fields from the event into {@code out}, as their bytes (see
     * {@link ExtractedValues}): the same calls, checks and failures as
     * {@link #extract(Pointer, long, String, List, boolean)} without offsets, and the same values
     * from {@link ExtractedValues#values()}, without making them unless asked.
     */
    public void extract(Pointer event, long eventNumber, String eventSource, List<FieldRequest> requests,
            ExtractedValues out) throws PluginException {
        Prepared prepared = start(event, eventNumber, eventSource, requests);
        out.reset(requests);
        for (Call c : prepared.calls) {
            prepareCall(c, false);
            plugin.callLog().enter(PluginCall.EXTRACT_FIELDS, eventNumber);
            int rc = DirectCalls.extractCopy(extractFields, DirectCalls.address(plugin.requireState()),
                    eventInput.address(), DirectCalls.address(extractInput), DirectCalls.address(c.kinds),
                    DirectCalls.address(copy), (int) copy.size());
            plugin.callLog().exit();
            requireSuccess(rc);
            int used = copyView.getInt(0);
            if (used >= 0) {
                out.addCopied(copyView, 8, used, c.slots);
            } else {
                readInstead(c, requests, eventNumber, out);
            }
        }
    }

    /**
     * {@link #extract(Pointer, long, String, List, ExtractedValues)} twice in a row on one event,
     * into {@code first} then {@code second}: the same calls, in the same order, with the same
     * checks, in one crossing into native code when the requests take one call and their results
     * fit the copy buffer.
     */
    public void extractTwice(Pointer event, long eventNumber, String eventSource, List<FieldRequest> requests,
            ExtractedValues first, ExtractedValues second) throws PluginException {
        Prepared prepared = start(event, eventNumber, eventSource, requests);
        if (prepared.calls.length != 1) {
            extract(event, eventNumber, eventSource, requests, first);
            extract(event, eventNumber, eventSource, requests, second);
            return;
        }
        Call c = prepared.calls[0];
        first.reset(requests);
        prepareCall(c, false);
        plugin.callLog().enter(PluginCall.EXTRACT_FIELDS, eventNumber);
        int rc = DirectCalls.extractCopyTwice(extractFields, DirectCalls.address(plugin.requireState()),
                eventInput.address(), DirectCalls.address(extractInput), DirectCalls.address(c.kinds),
                DirectCalls.address(copy), (int) copy.size());
        plugin.callLog().exit();
        requireSuccess(rc);
        int used = copyView.getInt(0);
        boolean secondMade = copyView.getInt(4) == 2;
        if (used < 0) {
            readInstead(c, requests, eventNumber, first); // the second was not made: the results are the first's
        } else {
            first.addCopied(copyView, 8, used, c.slots);
        }
        if (!secondMade) {
            // The second call was not made: made here, as extract makes it.
            extract(event, eventNumber, eventSource, requests, second);
            return;
        }
        second.reset(requests);
        int at = 8 + used;
        int rc2 = copyView.getInt(at + 4);
        requireSuccess(rc2);
        int used2 = copyView.getInt(at);
        if (used2 < 0) {
            // The second call's results are the plugin's last: still valid to read.
            readInstead(c, requests, eventNumber, second);
        } else {
            second.addCopied(copyView, at + 8, used2, c.slots);
        }
    }

    /**
     * The results of the call just made were not copied: read them, which refuses what is wrong
     * with them, and grow the copy buffer in case they did not fit.
     */
    private void readInstead(Call c, List<FieldRequest> requests, long eventNumber, ExtractedValues out)
            throws PluginException {
        FieldValue[] values = new FieldValue[requests.size()];
        read(c, requests, eventNumber, false, values);
        for (int slot : c.slots) {
            out.addRead(slot, values[slot]);
        }
        if (copy.size() < COPY_MAX) {
            copy = new Memory(copy.size() * 2);
            copyView = view(copy, (int) copy.size());
        }
    }

    /** Throws, with the plugin's last error, for a return code of extract_fields other than success. */
    private void requireSuccess(int rc) throws PluginCallException {
        if (rc != 0) {
            throw new PluginCallException(plugin.name(), "plugin_extract_fields", rc, plugin.lastError());
        }
    }

    /** Sets the event input up and finds the request list's calls. */
    private Prepared start(Pointer event, long eventNumber, String eventSource, List<FieldRequest> requests) {
        eventInput.set(event, eventNumber, eventSource);
        return prepare(requests);
    }

    /** Clears a call's outputs and points the extract input at its fields. */
    private void prepareCall(Call c, boolean withOffsets) {
        ByteBuffer fields = c.view;
        int count = c.slots.length;
        for (int j = 0; j < count; j++) {
            // Only the outputs change between calls: clear them, keep the inputs prepared once.
            fields.putLong(j * FIELD + 8, 0);
        }
        extractInputView.putInt(16, count);
        extractInputView.putLong(24, DirectCalls.address(c.fields));
        offsetsView.putLong(0, 0);
        offsetsView.putLong(8, 0);
        extractInputView.putLong(72, withOffsets ? DirectCalls.address(offsets) : 0);
    }

    /**
     * One {@code extract_fields} call for part of the requests; its results are copied into
     * {@code out} at once, as a plugin may reuse its result buffers in its next call.
     */
    private List<FieldValue> call(Call c, List<FieldRequest> requests, long eventNumber, boolean withOffsets,
            FieldValue[] out) throws PluginException {
        prepareCall(c, withOffsets);
        plugin.callLog().enter(PluginCall.EXTRACT_FIELDS, eventNumber);
        int rc = DirectCalls.call3(extractFields, DirectCalls.address(plugin.requireState()),
                eventInput.address(), DirectCalls.address(extractInput));
        plugin.callLog().exit();
        requireSuccess(rc);
        read(c, requests, eventNumber, withOffsets, out);
        return Arrays.asList(out);
    }

    /** Reads and checks the results of the call just made into {@code out}. */
    private void read(Call c, List<FieldRequest> requests, long eventNumber, boolean withOffsets, FieldValue[] out)
            throws PluginException {
        ByteBuffer fields = c.view;
        int count = c.slots.length;
        Pointer starts = withOffsets ? offsets.getPointer(0) : null;
        Pointer lengths = withOffsets ? offsets.getPointer(8) : null;
        for (int j = 0; j < count; j++) {
            FieldRequest r = requests.get(c.slots[j]);
            int at = j * FIELD;
            long n = fields.getLong(at + 8);
            long resAddress = fields.getLong(at);
            Pointer res = n == 0 || resAddress == 0 ? null : new Pointer(resAddress);
            if (n < 0 || (!r.list() && n > 1) || (n > 0 && res == null) || n > 1_000_000) {
                throw new PluginException(plugin.name() + ": plugin_extract_fields returned " + Long.toUnsignedString(n)
                        + " values" + (n > 0 && res == null ? " and a NULL result" : "") + " for " + r.display()
                        + " in event " + eventNumber + (r.list() ? "" : " (a field that is not a list has at most 1)"));
            }
            List<Object> values;
            if (n == 0) {
                values = List.of();
            } else if (n == 1) {
                values = List.of(read(r, res, 0, eventNumber));
            } else {
                Object[] many = new Object[(int) n];
                for (int v = 0; v < n; v++) {
                    many[v] = read(r, res, v, eventNumber);
                }
                values = List.of(many); // FieldValue keeps it as is: List.copyOf does not copy an immutable list
            }
            // Offsets are indexed by the field's place in this call, not in the whole request list.
            Integer start = starts == null ? null : starts.getInt(4L * j);
            Integer length = lengths == null ? null : lengths.getInt(4L * j);
            out[c.slots[j]] = new FieldValue(r.display(), r.type(), r.list(), values, start, length);
        }
    }

    /** The native field arrays for a request list, built once and reused while the list is. */
    private Prepared prepare(List<FieldRequest> requests) {
        if (last != null && last.requests == requests) {
            return last;
        }
        Prepared p = prepared.get(requests);
        if (p == null) {
            List<int[]> plan = batching.plan(requests);
            Call[] calls = new Call[plan.size()];
            for (int c = 0; c < calls.length; c++) {
                calls[c] = layOut(requests, plan.get(c));
            }
            p = new Prepared(requests, calls);
            prepared.put(requests, p);
        }
        last = p;
        return p;
    }

    private static Call layOut(List<FieldRequest> requests, int[] slots) {
        Memory fields = new Memory((long) FIELD * Math.max(1, slots.length));
        fields.clear();
        List<Memory> strings = new ArrayList<>();
        Memory kinds = new Memory(4L * Math.max(1, slots.length));
        for (int j = 0; j < slots.length; j++) {
            FieldRequest r = requests.get(slots[j]);
            kinds.setInt(4L * j, r.type().code() | (r.list() ? COPY_LIST_BIT : 0));
            long at = (long) j * FIELD;
            Memory name = NativeString.of(r.name());
            strings.add(name);
            fields.setInt(at + 16, r.fieldId());
            fields.setPointer(at + 24, name);
            if (r.argKey() != null) {
                Memory key = NativeString.of(r.argKey());
                strings.add(key);
                fields.setPointer(at + 32, key);
            }
            fields.setLong(at + 40, r.argIndex());
            fields.setInt(at + 48, r.argPresent() ? 1 : 0);
            fields.setInt(at + 52, r.type().code());
            fields.setInt(at + 56, r.list() ? LIST_FLAG : 0);
        }
        return new Call(fields, view(fields, FIELD * Math.max(1, slots.length)), slots, strings, kinds);
    }

    /** A request list laid out for the plugin as one or more calls. */
    private record Prepared(List<FieldRequest> requests, Call[] calls) {
    }

    /**
     * One call's native field array, the request index of each of its fields ({@code slots}), and
     * the strings the array points to, kept alive with it; {@code kinds} the fields' types for
     * {@code DirectCalls.extractCopy}.
     */
    private record Call(Memory fields, ByteBuffer view, int[] slots, List<Memory> strings, Memory kinds) {
    }

    private static ByteBuffer view(Memory m, int size) {
        return m.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    private Object read(FieldRequest r, Pointer res, int v, long eventNumber) throws PluginException {
        switch (r.type()) {
            case UINT64:
            case RELTIME:
            case ABSTIME:
                return res.getLong(8L * v);
            case BOOL:
                return res.getInt(4L * v) != 0;
            case STRING: {
                Pointer s = res.getPointer(8L * v);
                if (s == null) {
                    throw new PluginException(plugin.name() + ": plugin_extract_fields returned a NULL string for "
                            + r.display() + " in event " + eventNumber);
                }
                return s.getString(0, StandardCharsets.UTF_8.name());
            }
            default: {
                Pointer buf = res.share((long) BYTE_BUFFER * v);
                int len = buf.getInt(0);
                Pointer data = buf.getPointer(8);
                if ((len != 4 && len != 16) || data == null) {
                    throw new PluginException(plugin.name() + ": plugin_extract_fields returned a " + len
                            + "-byte address for " + r.display() + " in event " + eventNumber + " (4 or 16 expected)");
                }
                return ExtractedValues.address(data.getByteArray(0, len));
            }
        }
    }

}

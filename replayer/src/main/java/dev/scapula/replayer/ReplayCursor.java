package dev.scapula.replayer;

import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.EventTypes;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.extract.FieldType;
import dev.scapula.plugin.extract.FieldValue;
import java.util.Arrays;
import java.util.List;

/**
 * The plugin or async event being replayed, read in place: the same object is handed to the
 * consumer for every event and is only valid inside its call (unless {@link #copyTo copied}). Plugin fields are extracted and
 * {@code evt.plugininfo} asked of its plugin before the call; the other built-in fields are
 * computed when asked for, so a printer that writes a timestamp as digits builds no String for it.
 */
public final class ReplayCursor {
    private final List<String> names;
    private final List<FieldType> types;
    private final BuiltinField[] builtins;
    private final FieldValue[] none;
    private final EventTime time;
    private final FieldValue[] extracted;
    private final String[] pluginInfo;
    private long number;
    private long timestamp;
    private int type;
    private String eventTypeName;
    private long pluginId;
    private String source;
    private String asyncName;
    private Plugin owner;

    ReplayCursor(List<String> names, List<FieldType> types, List<BuiltinField> builtins, EventTime time) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.builtins = builtins.toArray(new BuiltinField[0]);
        this.time = time;
        this.extracted = new FieldValue[names.size()];
        this.pluginInfo = new String[names.size()];
        this.none = new FieldValue[names.size()];
        for (int slot = 0; slot < none.length; slot++) {
            // one shared "no value" per field: a record with an empty list, the same for every event
            none[slot] = new FieldValue(names.get(slot), types.get(slot), false, List.of(), null, null);
        }
    }

    /** A cursor for the same fields, pointing at no event yet: somewhere to {@link #copyTo} this one. */
    public ReplayCursor blank() {
        return new ReplayCursor(names, types, Arrays.asList(builtins), time);
    }

    /**
     * Copies the event this cursor points at, with its values, into {@code other} (a
     * {@link #blank} of this or of a cursor for the same fields), where it stays after this cursor
     * moves on: for a printer on another thread. Nothing is shared that can change.
     */
    public void copyTo(ReplayCursor other) {
        other.number = number;
        other.timestamp = timestamp;
        other.type = type;
        other.eventTypeName = eventTypeName;
        other.pluginId = pluginId;
        other.source = source;
        other.asyncName = asyncName;
        other.owner = owner;
        System.arraycopy(extracted, 0, other.extracted, 0, extracted.length);
        System.arraycopy(pluginInfo, 0, other.pluginInfo, 0, pluginInfo.length);
    }

    /** Points the cursor at the next event; its plugin fields and plugin info are set after this. */
    void moveTo(Event e, long id, String eventSource, String async, Plugin sourcePlugin) {
        this.number = e.number();
        this.timestamp = e.timestamp();
        this.type = e.type();
        this.eventTypeName = async != null ? null : e.typeName();
        this.pluginId = id;
        this.source = eventSource;
        this.asyncName = async;
        this.owner = sourcePlugin;
        Arrays.fill(extracted, null);
    }

    void extracted(int slot, FieldValue v) {
        extracted[slot] = v;
    }

    void pluginInfo(int slot, String text) {
        pluginInfo[slot] = text;
    }

    /** The event's number, as {@code evt.num} counts every event of the capture. */
    public long number() {
        return number;
    }

    /** The event's raw timestamp (nanoseconds since the epoch, unsigned). */
    public long timestamp() {
        return timestamp;
    }

    /** The event type: 322 (plugin event) or 402 (async event). */
    public int type() {
        return type;
    }

    public long pluginId() {
        return pluginId;
    }

    public String source() {
        return source;
    }

    /** The async event's name, null for plugin events. */
    public String asyncName() {
        return asyncName;
    }

    public boolean isAsync() {
        return type == EventTypes.ASYNC_EVENT;
    }

    /** How the event times are shifted into the chosen zone. */
    public EventTime time() {
        return time;
    }

    /** The number of selected fields. */
    public int size() {
        return names.size();
    }

    /** The selected field's name as printed, e.g. {@code fields.byte[3]}. */
    public String name(int slot) {
        return names.get(slot);
    }

    /** The built-in field at {@code slot}, or null when a plugin extracts it. */
    public BuiltinField builtin(int slot) {
        return builtins[slot];
    }

    /** A plugin field's value as extracted for this event (no values when it does not apply). */
    public FieldValue extractedValue(int slot) {
        FieldValue v = extracted[slot];
        return v != null ? v : none[slot];
    }

    /** The field's value as a {@link FieldValue}, built-in or extracted. */
    public FieldValue field(int slot) {
        BuiltinField b = builtins[slot];
        if (b == null) {
            return extractedValue(slot);
        }
        Object v = builtinValue(slot);
        return v == null ? none[slot] : new FieldValue(names.get(slot), types.get(slot), false, List.of(v), null, null);
    }

    /** Every selected field's value, in selection order. */
    public List<FieldValue> fields() {
        FieldValue[] out = new FieldValue[names.size()];
        for (int slot = 0; slot < out.length; slot++) {
            out[slot] = field(slot);
        }
        return List.of(out); // ReplayedEvent keeps it as is: List.copyOf does not copy an immutable list
    }

    /** The event as a value that outlives the consumer's call. */
    public ReplayedEvent toReplayedEvent() {
        return new ReplayedEvent(number(), timestamp(), type(), pluginId, source, asyncName, fields());
    }

    /**
     * A built-in field's value as libsinsp computes it for this event (Long, String or Boolean),
     * or null when it has none.
     */
    public Object builtinValue(int slot) {
        long ts = timestamp;
        switch (builtins[slot]) {
            case NUM:
                return number;
            case TIME:
                return time.time(ts, true);
            case TIME_S:
                return time.time(ts, false);
            case TIME_ISO8601:
                return EventTime.iso8601(ts);
            case DATETIME:
                return time.datetime(ts, true);
            case DATETIME_S:
                return time.datetime(ts, false);
            case RAWTIME:
                return ts;
            case RAWTIME_S:
                return Long.divideUnsigned(ts, 1_000_000_000L);
            case TYPE:
                return typeName();
            case SOURCE:
                return source;
            case PLUGINNAME:
                return owner == null ? null : owner.name();
            case PLUGININFO:
                return pluginInfo[slot];
            case IS_ASYNC:
                return isAsync();
            case ASYNCTYPE:
                return asyncName;
            default:
                throw new IllegalStateException("unhandled built-in " + builtins[slot]);
        }
    }

    /** {@code evt.type}: for async events libsinsp's evt.type is the async event's name. */
    public String typeName() {
        return asyncName != null ? asyncName : eventTypeName;
    }

    /** The source plugin that owns a plugin event's id, null for async events or an unloaded source. */
    Plugin owner() {
        return owner;
    }
}

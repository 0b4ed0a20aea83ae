package dev.scapula.replayer;

import dev.scapula.plugin.extract.FieldType;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The libsinsp {@code evt.*} fields a replay computes itself for plugin and async events, with
 * the type libsinsp declares for each (it decides how the value is printed).
 */
public enum BuiltinField {
    NUM("evt.num", FieldType.UINT64),
    TIME("evt.time", FieldType.STRING),
    TIME_S("evt.time.s", FieldType.STRING),
    TIME_ISO8601("evt.time.iso8601", FieldType.STRING),
    DATETIME("evt.datetime", FieldType.STRING),
    DATETIME_S("evt.datetime.s", FieldType.STRING),
    RAWTIME("evt.rawtime", FieldType.ABSTIME),
    RAWTIME_S("evt.rawtime.s", FieldType.ABSTIME),
    TYPE("evt.type", FieldType.STRING),
    SOURCE("evt.source", FieldType.STRING),
    PLUGINNAME("evt.pluginname", FieldType.STRING),
    PLUGININFO("evt.plugininfo", FieldType.STRING),
    IS_ASYNC("evt.is_async", FieldType.BOOL),
    ASYNCTYPE("evt.asynctype", FieldType.STRING);

    private final String fieldName;
    private final FieldType type;

    BuiltinField(String fieldName, FieldType type) {
        this.fieldName = fieldName;
        this.type = type;
    }

    /** The name as written in {@code -f} and {@code -p}, e.g. {@code evt.time}. */
    public String fieldName() {
        return fieldName;
    }

    public FieldType type() {
        return type;
    }

    /**
     * Whether libsinsp's JSON output carries this field as the event's raw timestamp rather
     * than as its text (the time and datetime fields). It, and the raw-time fields, are written
     * there as signed 64-bit numbers.
     */
    public boolean jsonIsTimestamp() {
        return this == TIME || this == TIME_S || this == TIME_ISO8601 || this == DATETIME || this == DATETIME_S;
    }

    /** The built-in field of this name, if there is one. */
    public static Optional<BuiltinField> named(String name) {
        return Optional.ofNullable(Names.BY_NAME.get(name));
    }

    /** Looked up per printed value: a map, where a scan of values() would copy the array every time. */
    private static final class Names {
        static final Map<String, BuiltinField> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(f -> f.fieldName, f -> f));
    }
}

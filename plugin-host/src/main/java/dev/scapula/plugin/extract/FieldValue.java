package dev.scapula.plugin.extract;

import java.util.List;

/**
 * What a plugin extracted for one field of one event: no values (the field does not apply), one,
 * or several for list fields. Values are Long (uint64, reltime, abstime; unsigned), String,
 * Boolean, or the address text of ipaddr and ipnet; {@code list} says whether the field is a list. Offsets are set when they were requested
 * and the plugin reported them.
 */
public record FieldValue(String field, FieldType type, boolean list, List<Object> values, Integer offsetStart,
        Integer offsetLength) {
    public FieldValue {
        values = List.copyOf(values);
    }

    public boolean present() {
        return !values.isEmpty();
    }
}

package dev.scapula.capture.expect;

import java.util.List;
import java.util.Map;

/**
 * The field values a plugin returned live for one recorded event: the event's number in its
 * capture file (1-based, as readers number events) and, per field, its values as text.
 */
public record ExpectedValues(long eventNumber, Map<String, List<String>> values) {
    public ExpectedValues {
        values = Map.copyOf(values);
    }
}

package dev.scapula.cli.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.replayer.BuiltinField;
import dev.scapula.replayer.ReplayCursor;
import java.io.IOException;

/**
 * A replayed event as one JSON line, keyed by field name: byte for byte what Jackson writes
 * value by value, with the parts every line repeats (the keys, the event source and type)
 * encoded once and copied, and numbers written as digits.
 */
final class JsonLine {
    private static final SerializableString NULL = new SerializedString("null");
    private static final SerializableString TRUE = new SerializedString("true");
    private static final SerializableString FALSE = new SerializedString("false");
    private static final SerializableString END = new SerializedString("}");
    private static final SerializableString EMPTY = new SerializedString("{}");

    private final Json json = new Json();
    private final SerializableString pluginIdKey = key(",", "evt.plugin_id");
    /** Per field: its key, with the brace or comma before it. */
    private SerializableString[] keys;
    /** Per built-in text field: the last text written and its encoding, reused while it repeats. */
    private String[] lastText;
    private SerializableString[] lastEncoded;

    /** Writes the event's fields; the caller ends the line. */
    void write(LinePrinter out, ReplayCursor e) throws IOException {
        if (keys == null) {
            prepare(e);
        }
        JsonGenerator g = out.json();
        int size = e.size();
        for (int slot = 0; slot < size; slot++) {
            out.raw(keys[slot]);
            BuiltinField b = e.builtin(slot);
            if (b == null) {
                FieldText.writePluginJson(g, e.extractedValue(slot));
                continue;
            }
            builtin(out, g, e, slot, b);
            if (b == BuiltinField.IS_ASYNC) {
                // not a libsinsp field: the raw plugin id, which says which plugin's events these are
                out.raw(pluginIdKey).signed(e.pluginId());
            }
        }
        out.raw(size == 0 ? EMPTY : END);
    }

    /**
     * A built-in's value, from the event itself: the time fields as the raw timestamp, numbers as
     * digits, the rest as JSON strings.
     */
    private void builtin(LinePrinter out, JsonGenerator g, ReplayCursor e, int slot, BuiltinField b)
            throws IOException {
        if (b.jsonIsTimestamp()) {
            out.signed(e.timestamp());
            return;
        }
        if (b == BuiltinField.NUM) {
            out.unsigned(e.number());
            return;
        }
        Object v = e.builtinValue(slot);
        if (v == null) {
            out.raw(NULL);
        } else if (v instanceof Boolean yes) {
            out.raw(yes ? TRUE : FALSE);
        } else if (v instanceof Long n) {
            // the raw-time fields, signed as libsinsp's JSON has them
            out.signed(n);
        } else if (b == BuiltinField.PLUGININFO) {
            g.writeString((String) v);
        } else {
            out.raw(encoded(slot, (String) v));
        }
    }

    /** The source, type or plugin name as a JSON string, encoded again only when it changes. */
    private SerializableString encoded(int slot, String text) {
        if (!text.equals(lastText[slot])) {
            lastText[slot] = text;
            lastEncoded[slot] = new SerializedString(json.quoted(text));
        }
        return lastEncoded[slot];
    }

    private void prepare(ReplayCursor e) {
        int size = e.size();
        keys = new SerializableString[size];
        for (int slot = 0; slot < size; slot++) {
            keys[slot] = key(slot == 0 ? "{" : ",", e.name(slot));
        }
        lastText = new String[size];
        lastEncoded = new SerializableString[size];
    }

    private SerializableString key(String before, String name) {
        return new SerializedString(before + json.quoted(name) + ":");
    }
}

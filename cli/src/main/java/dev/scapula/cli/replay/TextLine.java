package dev.scapula.cli.replay;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.extract.FieldType;
import dev.scapula.replayer.BuiltinField;
import dev.scapula.replayer.EventTime;
import dev.scapula.replayer.ReplayCursor;
import java.util.List;

/**
 * A replayed event as a text line, {@code num time [source] asyncname field=value ...}, values as
 * {@link FieldText#writeText} writes them; the times are written as digits and the source and the
 * {@code " field="} parts are encoded once.
 */
final class TextLine {
    /** The fields the text line starts with: number, time, [source], and the async event's name. */
    static final List<String> HEADER = List.of("evt.num", "evt.time", "evt.source", "evt.asynctype");
    /** What a header field that was not selected printed; the command always selects them. */
    private static final String MISSING = "null";

    private final char[] chars = new char[EventTime.TIME_CHARS];
    private int num = -1;
    private int time = -1;
    private int source = -1;
    /** Per field: {@code " name="}, or null for the header fields. */
    private SerializableString[] prefixes;
    private String lastSource;
    private SerializableString lastSourceText;

    /** Writes the event's line; the caller ends it. */
    void write(LinePrinter out, ReplayCursor e) {
        if (prefixes == null) {
            prepare(e);
        }
        if (num < 0) {
            out.text(MISSING);
        } else {
            out.unsigned(e.number());
        }
        out.text(' ');
        if (time < 0) {
            out.text(MISSING);
        } else {
            out.text(chars, 0, e.time().writeTime(e.timestamp(), true, chars, 0));
        }
        out.text(" [");
        if (source < 0) {
            out.text(MISSING);
        } else {
            out.raw(sourceText(e.source()));
        }
        out.text(']');
        if (e.asyncName() != null) {
            out.text(' ').text(Terminal.safe(e.asyncName()));
        }
        for (int slot = 0; slot < prefixes.length; slot++) {
            if (prefixes[slot] == null) {
                continue;
            }
            out.raw(prefixes[slot]);
            BuiltinField b = e.builtin(slot);
            if (b == null) {
                FieldText.writeText(out, e.extractedValue(slot), FieldText.NOT_AVAILABLE);
            } else {
                builtin(out, e, slot, b);
            }
        }
    }

    /** As {@link FieldText#writeText} writes a built-in's value. */
    private void builtin(LinePrinter out, ReplayCursor e, int slot, BuiltinField b) {
        if (b == BuiltinField.TIME || b == BuiltinField.TIME_S) {
            out.text(chars, 0, e.time().writeTime(e.timestamp(), b == BuiltinField.TIME, chars, 0));
            return;
        }
        Object v = e.builtinValue(slot);
        if (v == null) {
            out.text(FieldText.NOT_AVAILABLE);
        } else if (b.type() == FieldType.UINT64 || b.type() == FieldType.ABSTIME) {
            out.unsigned((Long) v);
        } else if (v instanceof Boolean yes) {
            out.text(yes ? "true" : "false");
        } else {
            out.text(Terminal.safe((String) v));
        }
    }

    private SerializableString sourceText(String s) {
        if (!s.equals(lastSource)) {
            lastSource = s;
            lastSourceText = new SerializedString(Terminal.safe(s));
        }
        return lastSourceText;
    }

    private void prepare(ReplayCursor e) {
        prefixes = new SerializableString[e.size()];
        for (int slot = 0; slot < prefixes.length; slot++) {
            String name = e.name(slot);
            switch (name) {
                case "evt.num" -> num = slot;
                case "evt.time" -> time = slot;
                case "evt.source" -> source = slot;
                default -> {
                    // printed after the header
                }
            }
            prefixes[slot] = HEADER.contains(name) ? null : new SerializedString(" " + name + "=");
        }
    }
}

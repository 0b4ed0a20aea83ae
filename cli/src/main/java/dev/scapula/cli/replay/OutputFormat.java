package dev.scapula.cli.replay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code -p} format as sysdig and Falco read it (libsinsp's {@code sinsp_evt_formatter}):
 * text with {@code %field} or {@code %field[arg]}, optionally {@code %Nfield} to pad or cut the
 * value to N characters. A field name is the longest prefix after '%' that names a known field.
 * A leading '*' prints lines with missing values as {@code <NA>}; without it, an event with a
 * missing value prints no line. There is no escape for '%' and no {@code %{field}} form.
 */
final class OutputFormat {
    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*(\\.[a-zA-Z]+[a-zA-Z0-9_]*)+");
    private static final Pattern BARE_ARG = Pattern.compile("[^\\]\\[\"'\\s]+");

    /** Literal text (field == null) or a field with its width (0: as is). */
    private record Token(String literal, String field, int width) {
    }

    private final List<Token> tokens;
    private final boolean requireAll;

    private OutputFormat(List<Token> tokens, boolean requireAll) {
        this.tokens = tokens;
        this.requireAll = requireAll;
    }

    /**
     * Parses a format; {@code known} says whether a field spec ({@code name} or {@code name[arg]})
     * can be extracted. Errors say where the format went wrong.
     */
    static OutputFormat parse(String format, Predicate<String> known) {
        if (format.isEmpty()) {
            throw new IllegalArgumentException("empty format");
        }
        boolean requireAll = format.charAt(0) != '*';
        String f = requireAll ? format : format.substring(1);
        List<Token> tokens = new ArrayList<>();
        int literalStart = 0;
        int j = 0;
        while (j < f.length()) {
            if (f.charAt(j) != '%') {
                j++;
                continue;
            }
            if (literalStart != j) {
                tokens.add(new Token(f.substring(literalStart, j), null, 0));
            }
            if (j == f.length() - 1) {
                throw new IllegalArgumentException("a format cannot end with %");
            }
            int start = j + 1;
            int width = 0;
            while (start < f.length() && Character.isDigit(f.charAt(start))) {
                width = width * 10 + (f.charAt(start) - '0');
                start++;
            }
            if (start == f.length()) {
                throw new IllegalArgumentException("a format cannot end with a number");
            }
            String rest = f.substring(start);
            int[] consumed = {0};
            String spec = longestField(rest, known, consumed);
            if (spec == null) {
                Matcher word = FIELD_NAME.matcher(rest);
                throw new UnknownField(word.lookingAt() ? word.group() : null, "unknown field at \"" + f.substring(j) + "\" (position " + (j + 1 + (requireAll ? 0 : 1))
                        + " of the format; write %field or %field[arg], e.g. %evt.num, and no %{...})");
            }
            tokens.add(new Token(null, spec, width));
            j = start + consumed[0];
            literalStart = j;
        }
        if (literalStart < f.length()) {
            tokens.add(new Token(f.substring(literalStart), null, 0));
        }
        return new OutputFormat(List.copyOf(tokens), requireAll);
    }

    /** A {@code %} followed by no known field; {@code name} is the field-like word there, if any. */
    static final class UnknownField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final transient String name;

        UnknownField(String name, String message) {
            super(message);
            this.name = name;
        }

        /** The field-like word after the {@code %}, or null. */
        String name() {
            return name;
        }
    }

    /** As libsinsp: try the whole rest, then one character less, until a prefix parses as a known field. */
    private static String longestField(String rest, Predicate<String> known, int[] consumed) {
        for (int size = rest.length(); size > 0; size--) {
            String sub = rest.substring(0, size);
            Matcher m = FIELD_NAME.matcher(sub);
            if (!m.lookingAt()) {
                continue;
            }
            int pos = m.end();
            String spec = m.group();
            if (pos < sub.length() && sub.charAt(pos) == '[') {
                Matcher arg = BARE_ARG.matcher(sub).region(pos + 1, sub.length());
                if (!arg.lookingAt() || arg.end() >= sub.length() || sub.charAt(arg.end()) != ']') {
                    continue;
                }
                pos = arg.end() + 1;
                spec = sub.substring(0, pos);
            }
            if (known.test(spec)) {
                consumed[0] = pos;
                return spec;
            }
        }
        return null;
    }

    /** The field specs the format uses, each once, in order of first use. */
    List<String> fields() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        tokens.stream().filter(t -> t.field() != null).forEach(t -> out.add(t.field()));
        return List.copyOf(out);
    }

    /** The line for these values (field spec to text, absent when no value), or null when none is printed. */
    String render(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (t.field() == null) {
                b.append(t.literal());
                continue;
            }
            String v = values.get(t.field());
            if (v == null) {
                if (requireAll) {
                    return null;
                }
                v = FieldText.NOT_AVAILABLE;
            }
            if (t.width() > 0) {
                v = v.length() > t.width() ? v.substring(0, t.width()) : v + " ".repeat(t.width() - v.length());
            }
            b.append(v);
        }
        return b.toString();
    }
}

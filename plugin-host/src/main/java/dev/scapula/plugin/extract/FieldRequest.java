package dev.scapula.plugin.extract;

import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.PluginInfo;
import java.util.List;

/**
 * One field to extract, resolved against the plugin's field table: {@code name}, or
 * {@code name[arg]} with an index (decimal digits) or a key, as libsinsp parses field arguments.
 */
public record FieldRequest(int fieldId, String name, FieldType type, boolean list, String argKey, long argIndex,
        boolean argPresent) {
    /** libsinsp passes this index when the argument is absent or not a number. */
    public static final long NO_INDEX = -1L;

    /** Whether the plugin declares the field a spec names (the part before any {@code [arg]}). */
    public static boolean declares(PluginInfo info, String spec) {
        String name = spec.contains("[") ? spec.substring(0, spec.indexOf('[')) : spec;
        return info.fields().stream().anyMatch(f -> f.name().equals(name));
    }

    /**
     * The requests a plugin takes part in: every field that needs no argument when
     * {@code argumentFree} is set, then each of {@code specs} the plugin declares, in their order.
     * A spec this plugin does not declare is left to the others: check the specs against every
     * loaded plugin first ({@link FieldCatalog}), or a typo is silently dropped.
     */
    public static List<FieldRequest> select(PluginInfo info, List<String> specs, boolean argumentFree)
            throws PluginException {
        List<FieldRequest> out = new java.util.ArrayList<>();
        if (argumentFree) {
            for (PluginInfo.Field f : info.fields()) {
                if (!f.arg().startsWith("required")) {
                    out.add(parse(info, f.name()));
                }
            }
        }
        for (String s : specs) {
            if (declares(info, s)) {
                out.add(parse(info, s));
            }
        }
        return out;
    }

    /** Resolves {@code spec} (e.g. {@code fields.byte[3]}) against the plugin's declared fields. */
    public static FieldRequest parse(PluginInfo info, String spec) throws PluginException {
        String name = spec;
        String arg = null;
        int open = spec.indexOf('[');
        if (open >= 0) {
            if (!spec.endsWith("]")) {
                throw new PluginException(info.name() + ": field " + spec + " has an unclosed argument");
            }
            name = spec.substring(0, open);
            arg = spec.substring(open + 1, spec.length() - 1);
        }
        List<PluginInfo.Field> fields = info.fields();
        for (int id = 0; id < fields.size(); id++) {
            PluginInfo.Field f = fields.get(id);
            if (!f.name().equals(name)) {
                continue;
            }
            FieldType type = FieldType.ofJson(f.type());
            if (type == null) {
                throw new PluginException(info.name() + ": field " + name + " has unknown type " + f.type());
            }
            boolean index = f.arg().contains("index");
            boolean key = f.arg().contains("key");
            if (arg == null && f.arg().startsWith("required")) {
                throw new PluginException(info.name() + ": field " + name + " needs an argument, e.g. " + name
                        + (index ? "[0]" : "[key]"));
            }
            if (arg != null && !index && !key) {
                throw new PluginException(info.name() + ": field " + name + " takes no argument");
            }
            if (arg == null) {
                return new FieldRequest(id, name, type, f.list(), null, NO_INDEX, false);
            }
            if (index && arg.matches("0|[1-9][0-9]*")) {
                return new FieldRequest(id, name, type, f.list(), null, Long.parseUnsignedLong(arg), true);
            }
            if (key) {
                return new FieldRequest(id, name, type, f.list(), arg, NO_INDEX, true);
            }
            throw new PluginException(info.name() + ": field " + name + " needs a numeric index, not \"" + arg + "\"");
        }
        throw new PluginException(info.name() + ": no field named " + name);
    }

    /** The field as written, with its argument. */
    public String display() {
        if (!argPresent) {
            return name;
        }
        return name + "[" + (argKey != null ? argKey : Long.toUnsignedString(argIndex)) + "]";
    }
}

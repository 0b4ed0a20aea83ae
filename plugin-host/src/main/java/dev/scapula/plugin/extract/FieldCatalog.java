package dev.scapula.plugin.extract;

import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.PluginInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The field names a command may be given: every field the loaded extractors declare, plus the
 * host's own fields where the command computes them; a name it does not know is a usage error
 * that names the closest known names.
 */
public final class FieldCatalog {
    /** How many close names an error suggests. */
    private static final int SUGGESTIONS = 3;

    private final List<PluginInfo> extractors;
    private final Set<String> hostFields;

    private FieldCatalog(List<PluginInfo> extractors, Collection<String> hostFields) {
        this.extractors = List.copyOf(extractors);
        this.hostFields = new LinkedHashSet<>(hostFields);
    }

    /**
     * @param extractors the loaded plugins that extract fields
     * @param hostFields fields the command computes itself (e.g. {@code evt.num}), taken without argument
     */
    public static FieldCatalog of(List<PluginInfo> extractors, Collection<String> hostFields) {
        return new FieldCatalog(extractors, hostFields);
    }

    /**
     * Checks that some loaded plugin (or the host) provides {@code spec} with that argument.
     *
     * @param option how the user gave it, for the message (e.g. {@code -f} or {@code --ignore-field})
     * @throws UnknownFieldException when no plugin declares the name: the message suggests the closest names
     * @throws PluginException       when the argument is missing, malformed or not taken by the field
     */
    public void check(String option, String spec) throws PluginException {
        if (hostFields.contains(spec)) {
            return;
        }
        String name = spec.contains("[") ? spec.substring(0, spec.indexOf('[')) : spec;
        if (hostFields.contains(name)) {
            throw new PluginException(option + " " + spec + ": the built-in field " + name + " takes no argument");
        }
        PluginException wrongArgument = null;
        for (PluginInfo info : extractors) {
            if (!FieldRequest.declares(info, spec)) {
                continue;
            }
            try {
                FieldRequest.parse(info, spec);
                return;
            } catch (PluginException e) {
                wrongArgument = wrongArgument == null ? e : wrongArgument;
            }
        }
        if (wrongArgument != null) {
            throw new PluginException(option + " " + spec + ": " + wrongArgument.getMessage(), wrongArgument);
        }
        List<String> close = closest(name);
        String loaded = extractors.isEmpty() ? "no loaded plugin extracts fields"
                : "no loaded plugin (" + String.join(", ", extractors.stream().map(PluginInfo::name).distinct().toList()) + ")"
                        + (hostFields.isEmpty() ? "" : " and no built-in field") + " has a field named " + name;
        throw new UnknownFieldException(option + " " + spec + ": " + loaded
                + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?")
                + (extractors.isEmpty() ? "" : " (plugin-info lists a plugin's fields)"), close);
    }

    /** Checks every spec in order; the first one that fails throws. */
    public void checkAll(String option, Collection<String> specs) throws PluginException {
        for (String spec : specs) {
            check(option, spec);
        }
    }

    /**
     * The known names nearest to {@code name}, in name order: those the fewest edits away (a
     * swapped pair of letters counts as one) if that is only a few, or whose last part after a dot is
     * {@code name}.
     */
    public List<String> closest(String name) {
        record Scored(String name, int distance) {
        }
        int limit = Math.max(2, name.length() / 3);
        List<Scored> scored = new ArrayList<>();
        for (String known : knownNames()) {
            int d = known.endsWith("." + name) ? 1 : distance(name, known);
            if (d <= limit) {
                scored.add(new Scored(known, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        // only the nearest: a name a few more edits away is rarely what was meant
        int best = scored.isEmpty() ? 0 : scored.get(0).distance();
        return scored.stream().filter(s -> s.distance() == best).limit(SUGGESTIONS).map(Scored::name).toList();
    }

    private Set<String> knownNames() {
        Set<String> names = new LinkedHashSet<>();
        extractors.forEach(info -> info.fields().forEach(f -> names.add(f.name())));
        names.addAll(hostFields);
        return names;
    }

    /** Edit distance with adjacent transpositions (optimal string alignment), the usual typo measure. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

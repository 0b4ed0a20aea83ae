package dev.scapula.replayer.verify;

import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.ExtractedValues;
import dev.scapula.replayer.Compatibility;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What verify actually compared, so that a run which compared nothing is not taken for a pass:
 * per field the events that gave it a value, whether any state table ever changed, and how many
 * events reached a plugin at all.
 */
final class Coverage {
    /** Per plugin and field ("plugin\tfield"): events it was extracted from, and those with a value. */
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    /** The same counters per member of the set, in its request order: found once, not per event. */
    private final long[][][] byMember;
    private final List<String[]> initialState;
    private final Set<String> eventSources = new TreeSet<>();
    private final String plugins;
    private final Set<String> ignored;
    private boolean stateChanged;
    private long applied;

    /**
     * Starts with every selected field at zero and the state the instances reached in init; values
     * of {@code ignored} fields are counted but, not being compared, do not make the run compare something.
     */
    Coverage(PluginSet set, Set<String> ignored) throws PluginException {
        this.ignored = Set.copyOf(ignored);
        List<String> described = new ArrayList<>();
        byMember = new long[set.members.size()][][];
        for (int p = 0; p < byMember.length; p++) {
            PluginSet.Member m = set.members.get(p);
            byMember[p] = new long[m.requests().size()][];
            for (int f = 0; f < byMember[p].length; f++) {
                byMember[p][f] = counts.computeIfAbsent(m.plugin().name() + "\t" + m.requests().get(f).display(),
                        k -> new long[2]);
            }
            List<String> does = new ArrayList<>();
            if (m.parser() != null) {
                does.add("parses " + sources(m.parses()));
            }
            if (m.extractor() != null) {
                does.add("extracts " + sources(m.extracts()));
            }
            described.add(m.plugin().name() + (does.isEmpty() ? " neither parses nor extracts"
                    : " " + String.join(" and ", does)));
        }
        plugins = String.join("; ", described);
        initialState = set.tableDigests();
    }

    private static String sources(Compatibility c) {
        return c.sources().isEmpty() ? "any source" : String.join(", ", c.sources());
    }

    /**
     * A plugin or async event of this source ({@code null}: its plugin id has none known); the
     * events of one plugin id in a row may be told once.
     */
    void event(long pluginId, String source) {
        eventSources.add(source != null ? source : "plugin id " + pluginId + " (no source known)");
    }

    /** The event reached a parser or an extractor. */
    void applied() {
        applied++;
    }

    /** The state after an event, digested: whether it differs from the state before the first one. */
    void state(List<String[]> digests) {
        if (!stateChanged && !sameDigests(initialState, digests)) {
            stateChanged = true;
        }
    }

    private static boolean sameDigests(List<String[]> x, List<String[]> y) {
        if (x == y) {
            return true; // PluginSet gives the same list again while no digest changed
        }
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Arrays.equals(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The first instance's values for one event, per member of its set (null when it did not extract). */
    void values(ExtractedValues[] values) {
        for (int p = 0; p < values.length; p++) {
            ExtractedValues v = values[p];
            if (v == null) {
                continue;
            }
            long[][] fields = byMember[p];
            for (int f = 0; f < v.size(); f++) {
                long[] c = fields[f];
                c[0]++;
                if (v.present(f)) {
                    c[1]++;
                }
            }
        }
    }

    /** Per plugin and field, in selection order. */
    List<FieldCount> fieldCounts() {
        List<FieldCount> out = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] pf = key.split("\t", 2);
            out.add(new FieldCount(pf[0], pf[1], c[0], c[1]));
        });
        return out;
    }

    /** Why nothing was compared, or null when some value or state change was. */
    String nothingCompared(long events, int files) {
        if (events == 0) {
            return (files > 1 ? "the captures have" : "the capture has") + " no plugin or async events";
        }
        if (applied == 0) {
            return String.format("none of the %,d events is of a source the plugins take (events: %s; plugins: %s)",
                    events, String.join(", ", eventSources), plugins);
        }
        boolean anyValue = counts.entrySet().stream()
                .anyMatch(c -> c.getValue()[1] > 0 && !ignored.contains(c.getKey().split("\t", 2)[1]));
        if (anyValue || stateChanged) {
            return null;
        }
        return String.format("no field had a value on any of the %,d events the plugins took%s, and no state table "
                + "changed", applied, counts.isEmpty() ? " (no field selected)"
                        : ignored.isEmpty() ? "" : " (ignored fields not counted)");
    }
}

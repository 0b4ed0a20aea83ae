package dev.scapula.replayer.corpus;

import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.FieldChange;
import dev.scapula.replayer.diff.ValueCount;
import dev.scapula.replayer.verify.FieldCount;
import dev.scapula.replayer.verify.VerifyReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One field's counts in one capture: events that gave it a value, and events on which it changed
 * (verify: diverged in any check; diff: its value differed between the versions).
 */
public record FieldTally(String plugin, String field, long withValue, long changed) {
    /** The fields of a verify report, in its order. */
    public static List<FieldTally> of(VerifyReport r) {
        List<FieldTally> out = new ArrayList<>();
        for (FieldCount c : r.fieldValues()) {
            out.add(new FieldTally(c.plugin(), c.field(), c.withValue(), c.diverging()));
        }
        return out;
    }

    /**
     * The common fields of a diff report, in its order. A value counts when the new version gave
     * one: that is the build the corpus vets.
     */
    public static List<FieldTally> of(DiffReport r) {
        Map<String, Long> changed = new HashMap<>();
        for (FieldChange c : r.valueChanges()) {
            changed.merge(c.field(), c.eventsChanged(), Long::sum);
        }
        List<FieldTally> out = new ArrayList<>();
        for (ValueCount c : r.fieldValues()) {
            out.add(new FieldTally(r.plugin(), c.field(), c.newVersion(), changed.getOrDefault(c.field(), 0L)));
        }
        return out;
    }
}

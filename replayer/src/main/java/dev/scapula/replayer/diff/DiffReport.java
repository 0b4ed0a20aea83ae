package dev.scapula.replayer.diff;

import java.util.List;

/**
 * What changed between two versions of a plugin on the same captures, and the semver verdict:
 * the bump the changes require against the bump the version numbers made; per common field the
 * events that gave it a value, and why no value was compared when that is so (null otherwise).
 */
public record DiffReport(String plugin, String oldVersion, String newVersion, List<String> identityChanges,
        List<FieldChange> schemaChanges, List<FieldChange> valueChanges, long events, Bump required, Bump made,
        List<String> reasons, List<ValueCount> fieldValues, String nothingCompared) {
    /**
     * True when the version number understates the change (or did not go up at all): judged by
     * what the change allows, so a minor bump in 0.y.z or leaving a pre-release may break.
     */
    public boolean understated() {
        return SemverChange.between(oldVersion, newVersion).allows().compareTo(required) < 0;
    }
}

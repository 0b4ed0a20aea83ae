package dev.scapula.replayer.diff;

import dev.scapula.plugin.load.ApiVersion;

/** A semver bump, ordered from none to major, and the one a version change made. */
public enum Bump {
    NONE, PATCH, MINOR, MAJOR;

    /** The bump from {@code old} to {@code updated}; NONE when the version did not go up. */
    public static Bump between(String old, String updated) {
        ApiVersion a = ApiVersion.parse(old);
        ApiVersion b = ApiVersion.parse(updated);
        if (b.compareTo(a) <= 0) {
            return NONE;
        }
        if (b.major() != a.major()) {
            return MAJOR;
        }
        return b.minor() != a.minor() ? MINOR : PATCH;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.scapula.replayer.diff;

/** A semver bump, ordered from none to major, and the one a version change made. */
public enum Bump {
    NONE, PATCH, MINOR, MAJOR;

    /** The bump from {@code old} to {@code updated}; NONE when the version did not go up (see {@link SemverChange}). */
    public static Bump between(String old, String updated) {
        return SemverChange.between(old, updated).made();
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

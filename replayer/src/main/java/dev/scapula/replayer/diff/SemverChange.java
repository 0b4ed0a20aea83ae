package dev.scapula.replayer.diff;

import org.semver4j.Semver;

/**
 * What a plugin's version change promises under semver 2.0.0: the bump its numbers made, and the
 * largest change it allows, which is more than the bump in 0.y.z (a minor bump may break) and when
 * leaving a pre-release. Build metadata ({@code +build.5}) never orders versions; a leading
 * {@code v} is read as Go modules and git tags write it.
 */
public record SemverChange(Bump made, Bump allows, String why) {

    /** The change from {@code old} to {@code updated}; an IllegalArgumentException names a version that is not semver. */
    public static SemverChange between(String old, String updated) {
        Semver a = parse(old);
        Semver b = parse(updated);
        if (b.compareTo(a) <= 0) {
            return new SemverChange(Bump.NONE, Bump.NONE, null);
        }
        if (b.getMajor() != a.getMajor()) {
            return new SemverChange(Bump.MAJOR, Bump.MAJOR, null);
        }
        if (b.getMinor() != a.getMinor()) {
            return a.getMajor() == 0
                    ? new SemverChange(Bump.MINOR, Bump.MAJOR, "in 0.y.z a minor bump may break (semver item 4)")
                    : new SemverChange(Bump.MINOR, Bump.MINOR, null);
        }
        if (b.getPatch() != a.getPatch()) {
            return new SemverChange(Bump.PATCH, Bump.PATCH, null);
        }
        // Same MAJOR.MINOR.PATCH, later by pre-release: 1.0.0-rc.1 -> 1.0.0 or -> 1.0.0-rc.2.
        return new SemverChange(Bump.MAJOR, Bump.MAJOR, old.strip() + " is a pre-release: semver lets "
                + "anything change before " + a.getMajor() + "." + a.getMinor() + "." + a.getPatch() + " (item 9)");
    }

    private static Semver parse(String version) {
        String text = version == null ? "" : version.strip();
        if (text.startsWith("v") || text.startsWith("V")) {
            text = text.substring(1);
        }
        Semver s = Semver.parse(text);
        if (s == null) {
            throw new IllegalArgumentException("invalid version \"" + version
                    + "\" (expected semver MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], a leading v allowed)");
        }
        return s;
    }
}

package dev.scapula.plugin.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin API version {@code major.minor.patch}, parsed as the framework's loader does (three
 * numbers at the start, trailing text tolerated), and the rule that decides whether a host can
 * load a plugin requiring it.
 */
public record ApiVersion(int major, int minor, int patch) implements Comparable<ApiVersion> {
    /** The plugin API version this host implements (the newest that libs ships). */
    public static final ApiVersion HOST = new ApiVersion(3, 12, 0);
    private static final Pattern PREFIX = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Parses a version; throws IllegalArgumentException naming the text when it has no three numbers. */
    public static ApiVersion parse(String text) {
        Matcher m = text == null ? null : PREFIX.matcher(text);
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("invalid version \"" + text + "\" (expected MAJOR.MINOR.PATCH)");
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /**
     * Why a host implementing this version cannot load a plugin requiring {@code required}, or
     * null when it can: majors equal, host minor at least the plugin's, patch when minors tie.
     */
    public String refusal(ApiVersion required) {
        if (required.major != major) {
            return "major versions disagree: the plugin requires API " + required + ", this host implements " + this;
        }
        if (required.minor > minor) {
            return "the plugin requires API " + required + ", newer than the " + this + " this host implements";
        }
        if (required.minor == minor && required.patch > patch) {
            return "the plugin requires API " + required + ", a newer patch than the " + this
                    + " this host implements";
        }
        return null;
    }

    @Override
    public int compareTo(ApiVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}

package dev.scapula.checks.lint;

import dev.scapula.plugin.load.ApiVersion;
import java.util.List;
import java.util.Set;

/** The API part of the checklist: the required version, which frameworks load it, and the symbols. */
final class ApiRules {
    private final ApiHistory history;

    ApiRules(ApiHistory history) {
        this.history = history;
    }

    /**
     * Checks the required API version against this host and the exported functions; returns the
     * parsed version, or null when it does not parse (then nothing else can run).
     */
    ApiVersion check(String required, Set<String> exports, List<Finding> out) {
        ApiVersion v;
        try {
            v = ApiVersion.parse(required == null ? "" : required);
        } catch (IllegalArgumentException e) {
            out.add(new Finding("api/version-format", Severity.ERROR,
                    "plugin_get_required_api_version returns \"" + required + "\", not MAJOR.MINOR.PATCH",
                    "return the plugin_api.h version you build against, e.g. \"3.10.0\""));
            return null;
        }
        if (v.major() != ApiVersion.HOST.major()) {
            out.add(new Finding("api/major", Severity.ERROR, "requires plugin API " + v + ", but the framework's "
                    + "major is " + ApiVersion.HOST.major() + ": no Falco release can load it",
                    "build against plugin API " + ApiVersion.HOST.major() + ".x"));
            return v;
        }
        if (v.compareTo(ApiVersion.HOST) > 0) {
            out.add(new Finding("api/newer-than-host", Severity.WARNING, "requires plugin API " + v
                    + ", newer than this scapula (" + ApiVersion.HOST + "): it cannot run the plugin's behaviour checks",
                    "use a newer scapula, or declare the oldest minor whose features the plugin uses"));
        } else {
            history.firstLoading(v.minor()).ifPresent(r -> out.add(new Finding("api/loads-in", Severity.NOTE,
                    "requires plugin API " + v + ": loads in libs " + r.libs() + " and later"
                            + (r.falco().isEmpty() ? "" : ", Falco " + r.falco() + " and later"),
                    "declare an older minor only if the plugin uses nothing newer")));
        }
        // One finding per API minor: the functions that minor added, which this plugin exports.
        java.util.Map<Integer, List<String>> byMinor = new java.util.TreeMap<>();
        for (ApiHistory.Symbol s : history.symbols()) {
            if (exports.contains(s.name()) && s.minor() > v.minor()) {
                byMinor.computeIfAbsent(s.minor(), m -> new java.util.ArrayList<>()).add(s.name());
            }
        }
        byMinor.forEach((minor, names) -> out.add(new Finding("api/symbols-newer-than-declared", Severity.ERROR,
                "exports " + String.join(" and ", names) + ", added in plugin API 3." + minor + ", but declares " + v
                        + ": a framework of 3." + v.minor() + " to 3." + (minor - 1)
                        + " loads the plugin and never calls " + (names.size() == 1 ? "it" : "them"),
                "declare at least 3." + minor + ".0 in plugin_get_required_api_version")));
        return v;
    }
}

package dev.scapula.checks.lint;

import dev.scapula.plugin.PluginException;
import dev.scapula.replayer.diff.Bump;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.VersionDiff;
import dev.scapula.replayer.verify.Divergence;
import dev.scapula.replayer.verify.PluginSpec;
import dev.scapula.replayer.verify.Verifier;
import dev.scapula.replayer.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The behaviour and release parts of the checklist: verify on captures, and diff against the previous release. */
final class BehaviourRules {
    /**
     * Checks determinism and extraction side effects on each capture with the verify checks.
     *
     * @param named the plugin as the reproduce commands name it
     */
    void verify(Path plugin, String named, List<Path> captures, Set<Path> selfRecorded, List<Finding> out)
            throws IOException {
        for (Path capture : captures) {
            String again = selfRecorded.contains(capture)
                    ? "scapula record -I " + named + " -n " + Linter.SELF_EVENTS + " -w lint.scap && scapula verify -r "
                            + "lint.scap -H " + named
                    : "scapula verify -r " + capture + " -H " + named;
            VerifyReport report;
            try {
                report = new Verifier(List.of(new PluginSpec(plugin, "")), List.of(), Set.of()).verify(capture);
            } catch (PluginException e) {
                out.add(new Finding("behaviour/errors", Severity.ERROR, "replaying " + capture + " failed: "
                        + e.getMessage(), "parse and extract must succeed on every event the plugin accepts", again));
                continue;
            }
            if (report.nothingCompared() != null) {
                // no divergence on nothing is no evidence: say so rather than stay silent
                out.add(new Finding("behaviour/nothing-compared", Severity.WARNING, capture.getFileName()
                        + ": verify compared nothing: " + report.nothingCompared(), "give a --capture of events the "
                        + "plugin parses or extracts fields from", again));
            }
            for (Divergence d : report.firstDivergences()) {
                String rule = d.check().equals(Verifier.EXTRACT_TWICE) ? "behaviour/extraction-changes-state"
                        : "behaviour/determinism";
                String fix = rule.equals("behaviour/determinism")
                        ? "derive values from the event and parsed state only: no clocks, counters or randomness"
                        : "keep extract_fields free of side effects: update state in parse_event";
                out.add(new Finding(rule, Severity.ERROR, capture.getFileName() + ": " + d.describe()
                        + countOf(report, d), fix, again));
            }
        }
    }

    private static String countOf(VerifyReport r, Divergence d) {
        Long n = r.divergencesByField().get(d.check() + " " + d.plugin() + " " + d.what());
        return n == null ? "" : String.format(" (%,d events)", n);
    }

    /** The semver verdict and the old captures, against the previous release; the names are for the reproduce command. */
    void release(Path previous, String previousNamed, Path plugin, String named, List<Path> captures, List<Finding> out)
            throws IOException {
        String again = "scapula diff --old " + previousNamed + " --new " + named + " "
                + String.join(" ", captures.stream().map(Path::toString).toList());
        DiffReport r;
        try {
            r = new VersionDiff(previous, plugin, "", Set.of()).diff(captures);
        } catch (PluginException e) {
            out.add(new Finding("release/old-captures", Severity.ERROR, "captures written with " + previous
                    + " do not replay: " + e.getMessage(), "the serialization format must never break: "
                    + "keep reading what older versions wrote", again));
            return;
        }
        if (r.nothingCompared() != null) {
            out.add(new Finding("release/nothing-compared", Severity.WARNING, "no value compared between "
                    + r.oldVersion() + " and " + r.newVersion() + ": " + r.nothingCompared(), "give a --capture of "
                    + "events both versions extract fields from", again));
        }
        if (r.understated()) {
            out.add(new Finding("release/semver", Severity.ERROR, String.format("%s %s -> %s is a %s bump; the "
                    + "changes need %s: %s", r.plugin(), r.oldVersion(), r.newVersion(), r.made().label(),
                    r.required().label(), String.join("; ", r.reasons())),
                    "release it as the next " + r.required().label() + " version", again));
        } else if (r.made() == Bump.NONE) {
            out.add(new Finding("release/semver", Severity.ERROR, r.oldVersion() + " -> " + r.newVersion()
                    + ": the version did not go up", "every release bumps at least the patch version", again));
        }
    }
}

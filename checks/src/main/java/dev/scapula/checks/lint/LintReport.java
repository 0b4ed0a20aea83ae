package dev.scapula.checks.lint;

import java.util.Comparator;
import java.util.List;

/** What lint found on one plugin file, most severe first, in checklist order within a severity. */
public record LintReport(String plugin, String name, String version, List<Finding> findings, List<String> skipped) {
    public LintReport {
        findings = findings.stream().sorted(Comparator.comparing(Finding::severity)
                .thenComparingInt(f -> Rules.ALL.indexOf(Rules.find(f.rule()).orElseThrow()))).toList();
        skipped = List.copyOf(skipped);
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /** True when the plugin can be released as it is: no ERROR. */
    public boolean clean() {
        return count(Severity.ERROR) == 0;
    }
}

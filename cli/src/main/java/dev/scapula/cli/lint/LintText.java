package dev.scapula.cli.lint;

import static dev.scapula.cli.output.Terminal.safe;

import dev.scapula.checks.lint.Finding;
import dev.scapula.checks.lint.LintReport;
import dev.scapula.checks.lint.Severity;

/**
 * The human report: one block per finding, most severe first, then the totals; what the plugin
 * said (names, messages) has its control characters escaped.
 */
final class LintText {
    private LintText() {
    }

    static String of(LintReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("lint %s (%s %s)%n", safe(r.plugin()), safe(r.name()), safe(r.version())));
        for (Finding f : r.findings()) {
            b.append(String.format("%-7s %s: %s%n", f.severity(), f.rule(), safe(f.message())));
            b.append("        fix: ").append(safe(f.fix())).append('\n');
            if (!f.reproduce().isEmpty()) {
                b.append("        reproduce: ").append(safe(f.reproduce())).append('\n');
            }
        }
        for (String s : r.skipped()) {
            b.append("skipped ").append(safe(s)).append('\n');
        }
        b.append(String.format("%d errors, %d warnings, %d notes: %s%n", r.count(Severity.ERROR),
                r.count(Severity.WARNING), r.count(Severity.NOTE), r.clean() ? "OK to release" : "NOT ready to release"));
        return b.toString();
    }
}

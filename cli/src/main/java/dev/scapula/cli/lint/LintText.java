package dev.scapula.cli.lint;

/** The human report: one block per finding, most severe first, then the totals. */
final class LintText {
    private LintText() {
    }

    static String of(LintReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("lint %s (%s %s)%n", r.plugin(), r.name(), r.version()));
        for (Finding f : r.findings()) {
            b.append(String.format("%-7s %s: %s%n", f.severity(), f.rule(), f.message()));
            b.append("        fix: ").append(f.fix()).append('\n');
            if (!f.reproduce().isEmpty()) {
                b.append("        reproduce: ").append(f.reproduce()).append('\n');
            }
        }
        for (String s : r.skipped()) {
            b.append("skipped ").append(s).append('\n');
        }
        b.append(String.format("%d errors, %d warnings, %d notes: %s%n", r.count(Severity.ERROR),
                r.count(Severity.WARNING), r.count(Severity.NOTE), r.clean() ? "OK to release" : "NOT ready to release"));
        return b.toString();
    }
}

package dev.scapula.checks.lint;

/**
 * One thing lint found: the rule it breaks (see {@link Rules}), how much it matters, what was
 * found, how to fix it, and a command that shows it again (empty when there is none).
 */
public record Finding(String rule, Severity severity, String message, String fix, String reproduce) {
    public Finding(String rule, Severity severity, String message, String fix) {
        this(rule, severity, message, fix, "");
    }
}

package dev.scapula.checks.lint;

/** How much a finding matters: ERROR fails the lint (exit 1), WARNING and NOTE only inform. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    /** The SARIF 2.1.0 {@code level} of this severity. */
    public String sarifLevel() {
        return sarifLevel;
    }
}

package dev.scapula.checks.lint;

/** A rule of the plugin release checklist: its id, a one-line summary, and where it comes from. */
public record Rule(String id, String summary, String source) {
}

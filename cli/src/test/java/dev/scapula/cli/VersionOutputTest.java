package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --version} says what a bug report needs: the release, its commit, the plugin API it hosts and the Java runtime. */
class VersionOutputTest {
    @Test
    void versionNamesTheCommitThePluginApiAndTheRuntime() {
        CommandRun run = CommandRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).hasSize(4);
        assertThat(run.out()).matches("(?s)scapula \\S+\\n"
                + "commit ([0-9a-f]{7,40}(-dirty)?|unknown)\\n"
                + "plugin API 3\\.\\d+ \\(hosts plugins requiring 3\\.0 to 3\\.\\d+\\)\\n"
                + "Java .*\\n")
                .contains("Java " + System.getProperty("java.runtime.version"));
    }
}

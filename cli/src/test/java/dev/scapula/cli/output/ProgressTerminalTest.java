package dev.scapula.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress asks about stderr itself: with stdin and stdout on a terminal (util-linux
 * {@code script} gives the child a pty) and stderr sent to a log, nothing is drawn into the log.
 */
class ProgressTerminalTest {
    @TempDir
    Path dir;

    private String probe(String redirect) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + StderrTerminalProbe.class.getName() + redirect;
        Path typescript = dir.resolve("typescript");
        Process p = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", command, typescript.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void stderrOnTheTerminalDrawsProgress() throws Exception {
        assertThat(probe("")).contains("stderr-is-terminal=true");
    }

    @Test
    void stderrSentToALogDrawsNothingThoughStdoutIsATerminal() throws Exception {
        Path log = dir.resolve("err.log");
        assertThat(probe(" 2>'" + log + "'")).contains("stderr-is-terminal=false");
    }
}

package dev.scapula.capture.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real libscap reader (sysdig) or pcapng reader (tshark) run as a process. On CI (CI set) a
 * missing tool fails the test, so the interop checks cannot silently stop running there.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    public static void require(String tool) {
        Prerequisite.requireTool(tool);
    }

    /** Runs the command; returns its stdout lines, failing the test on a non-zero exit. */
    public static List<String> run(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("tool", ".err");
        Path out = Files.createTempFile("tool", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished in time", command[0]).isTrue();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("%s exit code; stderr: %s", String.join(" ", command), stderr).isZero();
            return new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }
}

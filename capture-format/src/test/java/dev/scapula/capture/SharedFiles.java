package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real plugins ({@code shared/plugins}) and the libsinsp baseline ({@code shared/baseline})
 * beside the repository, for tests that must hold on plugins and a host nobody here wrote: such a
 * test skips where {@code shared/} is absent (a bare clone) and fails on CI (CI set), where it is
 * always laid out.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** A plugin file from {@code shared/plugins} (e.g. {@code libdummy.so}). */
    public static Path plugin(String file) {
        Path p = require("plugins").resolve(file);
        assertThat(p).as("shared/plugins/%s", file).isRegularFile();
        return p;
    }

    /** A plugin file from {@code shared/baseline/plugins} (the upstream test plugins). */
    public static Path baselinePlugin(String file) {
        Path p = require("baseline").resolve("plugins").resolve(file);
        assertThat(p).as("shared/baseline/plugins/%s", file).isRegularFile();
        return p;
    }

    /**
     * The libsinsp baseline program, checked to start: it needs libjsoncpp25, libtbb12 and
     * libre2-9 (.ci/run installs them), and a test that cannot run it skips, or fails on CI.
     */
    public static Path baseline() {
        Path bin = require("baseline").resolve("bin").resolve("sinsp-baseline");
        boolean runs;
        try {
            Process p = new ProcessBuilder(bin.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            runs = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() != 127;
        } catch (IOException e) {
            runs = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs = false;
        }
        Prerequisite.require(runs, bin + " running (its libraries are libjsoncpp25 libtbb12 libre2-9)");
        return bin;
    }

    private static Path require(String folder) {
        Optional<Path> dir = find(folder);
        Prerequisite.require(dir.isPresent(), "shared/" + folder + " beside the repository");
        return dir.orElseThrow();
    }

    /** The folder {@code shared/NAME}, walking up from the working directory. */
    static Optional<Path> find(String folder) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(folder);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

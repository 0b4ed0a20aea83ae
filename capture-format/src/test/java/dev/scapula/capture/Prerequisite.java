package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a test needs from the machine beyond the build (a tool, root, a mount, files beside the
 * repository): where it is missing the test skips on a developer machine, and fails on CI (CI
 * set), where {@code .ci/run} provides everything, so that no check silently stops running there.
 */
public final class Prerequisite {
    private Prerequisite() {
    }

    /** Skips the test when {@code present} is false, or fails it on CI; {@code what} names the prerequisite. */
    public static void require(boolean present, String what) {
        if (onCi()) {
            assertThat(present).as(what + " must be present on CI (.ci/run provides it)").isTrue();
        }
        assumeTrue(present, what + " is missing");
    }

    /** True on CI, where a missing prerequisite is a failure. */
    public static boolean onCi() {
        return System.getenv("CI") != null;
    }

    /** Requires an executable of this name on the PATH. */
    public static void requireTool(String tool) {
        require(onPath(tool), tool + " (on the PATH)");
    }

    /** Requires that the tests run as root, for what {@code why} says. */
    public static void requireRoot(String why) {
        require(isRoot(), "root (" + why + ")");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            String uid = new String(id.getInputStream().readAllBytes()).trim();
            return id.waitFor(30, TimeUnit.SECONDS) && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

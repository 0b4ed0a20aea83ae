package dev.scapula.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the sample C driver, a host that calls a plugin directly (see {@code driver.c} for its
 * modes): the baseline every host benchmark prints its own cost beside.
 */
public final class CDriver {
    private CDriver() {
    }

    /**
     * Nanoseconds per call (per event for next_batch) that the driver measured; {@code folder}
     * takes the driver's copy when it must come out of the jar.
     */
    public static double nanosPerOp(Path folder, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = SamplePlugins.driver(folder).toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || !out.startsWith("ns_per_op=")) {
            throw new IOException("the C driver failed: " + out);
        }
        return Double.parseDouble(out.substring("ns_per_op=".length()));
    }
}

package dev.scapula.cli.bench;

import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The sample C driver, a host that calls the same plugin directly: the baseline of the host's cost. */
final class CDriver {
    private CDriver() {
    }

    /** Nanoseconds per call (per event for next_batch) the driver measured. */
    static double nanosPerOp(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = SamplePlugins.driver().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || !out.startsWith("ns_per_op=")) {
            throw new IOException("the C driver failed: " + out);
        }
        return Double.parseDouble(out.substring("ns_per_op=".length()));
    }
}

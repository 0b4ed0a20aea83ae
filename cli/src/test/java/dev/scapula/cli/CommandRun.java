package dev.scapula.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the real command line in-process with stdout, stderr and stdin captured. */
public record CommandRun(int exitCode, String out, String err) {
    public static CommandRun of(String... args) {
        return withInput(System.in, args);
    }

    static synchronized CommandRun withInput(InputStream in, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(in);
            var cl = Scapula.commandLineFor(args); // as main builds it
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            System.out.flush();
            System.err.flush();
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}

package dev.scapula.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs the real command line in-process with its output captured through picocli's writers and
 * the byte streams the command line is built with; the process's own streams are left alone, so
 * runs may go on side by side.
 */
public record CommandRun(int exitCode, String out, String err) {
    public static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the writers sit on the very streams the bytes go to, so text and bytes keep their order
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        var cl = Scapula.commandLineFor(stdout, stderr, args); // as main builds it
        cl.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        stdout.flush();
        stderr.flush();
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The same with {@code in} as standard input: {@code -} reads the process's System.in (in
     * capture-format, below the command line), so this alone swaps it, under a lock.
     */
    static synchronized CommandRun withInput(InputStream in, String... args) {
        InputStream oldIn = System.in;
        try {
            System.setIn(in);
            return of(args);
        } finally {
            System.setIn(oldIn);
        }
    }
}

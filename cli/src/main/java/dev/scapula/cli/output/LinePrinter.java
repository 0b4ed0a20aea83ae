package dev.scapula.cli.output;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Buffered stdout for commands that print many lines; notices a closed pipe (as in
 * {@code | head}) so the command can stop quietly instead of failing.
 */
public final class LinePrinter implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream sinkStream;
    private final boolean flushEachLine;
    private long lines;

    /** Prints to {@code System.out} as it is when the command runs. */
    public LinePrinter() {
        this(System.out);
    }

    public LinePrinter(OutputStream sink) {
        this(sink, false);
    }

    /**
     * @param flushEachLine write each line out at once: for a worker that may die inside a plugin
     *                      call, which would lose the lines still buffered
     */
    public LinePrinter(OutputStream sink, boolean flushEachLine) {
        this.flushEachLine = flushEachLine;
        this.out = new PrintStream(new BufferedOutputStream(sink, 1 << 16), false, StandardCharsets.UTF_8);
        // A PrintStream sink swallows its own write errors: ask it too.
        this.sinkStream = sink instanceof PrintStream ? (PrintStream) sink : null;
    }

    /** Prints a line; returns false once the reader has gone away. */
    public boolean println(String line) {
        out.println(line);
        if (flushEachLine) {
            out.flush();
        }
        return (++lines & 0xff) != 0 || !broken();
    }

    /** True when the output is broken (closed pipe). */
    public boolean broken() {
        return out.checkError() || (sinkStream != null && sinkStream.checkError());
    }

    @Override
    public void close() {
        out.flush();
    }
}

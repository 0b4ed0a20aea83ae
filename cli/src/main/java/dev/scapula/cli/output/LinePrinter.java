package dev.scapula.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Buffered stdout for commands that print many lines; notices a closed pipe (as in
 * {@code | head}) so the command can stop quietly instead of failing.
 *
 * <p>Lines are written piece by piece into one reused UTF-8 buffer (JSON values through
 * {@link #json()}, text through {@link #text}), so a line costs no String of its own.
 */
public final class LinePrinter implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream sinkStream;
    private final JsonGenerator generator;
    private final boolean flushEachLine;
    private final char[] digits = new char[20];
    private long lines;

    public LinePrinter(OutputStream sink) {
        this(sink, false);
    }

    /**
     * @param flushEachLine write each line out at once: for a worker that may die inside a plugin
     *                      call, which would lose the lines still buffered
     */
    public LinePrinter(OutputStream sink, boolean flushEachLine) {
        this.flushEachLine = flushEachLine;
        // A PrintStream between the generator and the sink keeps write errors (a closed pipe) from
        // throwing out of the middle of a line: broken() asks for them once in a while.
        this.out = new PrintStream(new BufferedOutputStream(sink, 1 << 16), false, StandardCharsets.UTF_8);
        this.sinkStream = sink instanceof PrintStream ? (PrintStream) sink : null;
        try {
            this.generator = new Json().lines(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a line; returns false once the reader has gone away. */
    public boolean println(String line) {
        text(line);
        return endLine();
    }

    /**
     * Where a JSON value of the current line goes, escaped as {@link Json} escapes; the caller ends
     * the line with {@link #endLine()}.
     */
    public JsonGenerator json() {
        return generator;
    }

    /** Appends text as it is (sanitise it first when it came from outside: {@link Terminal#safe}). */
    public LinePrinter text(String text) {
        try {
            generator.writeRaw(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Appends one character as it is. */
    public LinePrinter text(char c) {
        try {
            generator.writeRaw(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Appends characters as they are (sanitised already). */
    public LinePrinter text(char[] chars, int offset, int length) {
        try {
            generator.writeRaw(chars, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Appends text encoded once ahead, e.g. a JSON key with its quotes and colon, as its UTF-8
     * bytes: constant parts of a line cost a copy, not an encoding.
     */
    public LinePrinter raw(SerializableString encoded) {
        try {
            generator.writeRaw(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Appends {@code n} in decimal, as {@link Long#toString(long)} writes it. */
    public LinePrinter signed(long n) {
        if (n >= 0) {
            return unsigned(n);
        }
        text('-');
        // -Long.MIN_VALUE is itself, whose unsigned digits are the right ones
        return unsigned(-n);
    }

    /** Appends {@code n} read as unsigned, in decimal, as {@link Long#toUnsignedString(long)} writes it. */
    public LinePrinter unsigned(long n) {
        int at = digits.length;
        long rest = n;
        if (rest < 0) {
            // the last digit of the unsigned value, then the rest fits a signed long
            long q = (rest >>> 1) / 5;
            digits[--at] = (char) ('0' + (rest - q * 10));
            rest = q;
        }
        do {
            digits[--at] = (char) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        try {
            generator.writeRaw(digits, at, digits.length - at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Ends the line; returns false once the reader has gone away. */
    public boolean endLine() {
        try {
            generator.writeRaw('\n');
            if (flushEachLine) {
                generator.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (++lines & 0xff) != 0 || !broken();
    }

    /** True when the output is broken (closed pipe). */
    public boolean broken() {
        // The sink's own flag shows a closed pipe once the buffers have spilled into it; asking our
        // PrintStream would flush them on every check, a write per few hundred lines.
        return sinkStream != null ? sinkStream.checkError() : out.checkError();
    }

    @Override
    public void close() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}

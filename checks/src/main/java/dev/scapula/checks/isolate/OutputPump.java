package dev.scapula.checks.isolate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies a worker's stdout or stderr through byte for byte, holding back only what could be
 * HotSpot's fatal error banner until the worker's exit status says whether it crashed.
 *
 * <p>The banner is text a capture can also produce (an async event name with a newline), so its
 * text never decides anything: a held block is printed unchanged unless the worker really died,
 * and is released as soon as it outgrows any banner.
 */
final class OutputPump {
    private static final byte[] BANNER = "# A fatal error has been detected".getBytes(StandardCharsets.US_ASCII);
    /** HotSpot's banner is about 1 KiB; a held block past this is data, not the banner. */
    static final int MAX_HELD = 64 * 1024;

    private final InputStream from;
    private final OutputStream to;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    /** Whether {@link #held} starts at a banner line (else it holds at most one "#" line). */
    private boolean banner;
    /** Where the last held line starts when that line is "#" (the banner's first line), else -1. */
    private int hashAt = -1;
    private Thread thread;

    OutputPump(InputStream from, OutputStream to) {
        this.from = from;
        this.to = to;
    }

    /** Starts copying on a daemon thread. */
    OutputPump start(String name) {
        thread = new Thread(this::copy, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Waits for the end of the stream, then prints what was held back unless {@code crashed}:
     * then the held block is HotSpot's banner, which the parent replaces with its own report.
     */
    void finish(boolean crashed) throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying the worker's output", e);
        }
        if (!(crashed && banner)) {
            held.writeTo(to);
        }
        held.reset();
        to.flush();
    }

    private void copy() {
        byte[] buf = new byte[1 << 16];
        try {
            for (int n = from.read(buf); n >= 0; n = from.read(buf)) {
                accept(buf, n);
                to.flush();
            }
            if (line.size() > 0) {
                endLine();
            }
            to.flush();
        } catch (IOException e) {
            // the child or our stdout is gone; what came so far has been copied or is held
        }
    }

    /** Splits a chunk into lines (a line keeps its '\n'). */
    void accept(byte[] buf, int n) throws IOException {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                line.write(buf, start, i + 1 - start);
                endLine();
                start = i + 1;
            }
        }
        line.write(buf, start, n - start);
    }

    private void endLine() throws IOException {
        byte[] l = line.toByteArray();
        line.reset();
        boolean hash = isHashLine(l);
        if (startsWith(l, BANNER)) {
            // the banner starts at the "#" line just before, when there is one; all before it is data
            int keep = hashAt >= 0 ? hashAt : held.size();
            byte[] h = held.toByteArray();
            to.write(h, 0, keep);
            held = new ByteArrayOutputStream();
            held.write(h, keep, h.length - keep);
            banner = true;
        } else if (!banner) {
            held.writeTo(to);
            held.reset();
            hashAt = -1;
            if (!hash) {
                to.write(l);
                return;
            }
        }
        int at = held.size();
        held.write(l);
        hashAt = hash ? at : -1;
        if (held.size() > MAX_HELD) {
            held.writeTo(to);
            held.reset();
            hashAt = -1;
            banner = false;
        }
    }

    private static boolean isHashLine(byte[] l) {
        int n = l.length;
        if (n > 0 && l[n - 1] == '\n') {
            n--;
        }
        if (n > 0 && l[n - 1] == '\r') {
            n--;
        }
        return n == 1 && l[0] == '#';
    }

    private static boolean startsWith(byte[] l, byte[] prefix) {
        if (l.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (l[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

package dev.scapula.capture.expect;

import java.io.IOException;

/** A live values sidecar that cannot be trusted: which file, which line (1: the header) and what was expected. */
public final class ExpectFileException extends IOException {
    private final String file;
    private final long line;

    public ExpectFileException(String file, long line, String what) {
        super(file + ": line " + line + ": " + what);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }
}

package dev.scapula.capture.expect;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.scapula.capture.io.CapturePrefix;
import dev.scapula.capture.io.NewFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a capture's live values, one line per event, streaming. The header names the capture's
 * first bytes ({@link CapturePrefix}); while a recording has not written them yet, the event lines
 * wait in memory (those of the events in 64 KiB of capture at most). {@link #flush()} with the
 * capture, so both survive a crash up to the same point.
 */
public final class ExpectWriter implements AutoCloseable {
    private final OutputStream file;
    private final Target target;
    private final JsonGenerator json;
    private final String captureName;
    private final List<String> fields;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closed;

    private ExpectWriter(OutputStream file, Path capture, List<String> fields) throws IOException {
        this.file = file;
        this.captureName = capture.getFileName().toString();
        this.fields = List.copyOf(fields);
        this.target = new Target(pending);
        this.json = new JsonFactory().createGenerator(target, JsonEncoding.UTF8);
        json.setRootValueSeparator(null); // one object per line, no space before each
    }

    /**
     * Creates (or replaces) the sidecar of {@code capture} for these fields, never through a
     * link; whether an old one may go is the caller's decision (the recorder's {@code --force}).
     */
    public static ExpectWriter create(Path capture, List<String> fields) throws IOException {
        ExpectWriter w = open(capture, fields, true);
        try {
            w.identify(CapturePrefix.of(capture, CapturePrefix.LIMIT));
            return w;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /**
     * Creates the sidecar of a capture being recorded, as a new file (the recorder has removed or
     * refused any old one, so a file that appears at the name since is refused, never written
     * through); the header, and every line, reach the file once {@link #identify} tells which
     * first bytes the capture has.
     */
    public static ExpectWriter forRecording(Path capture, List<String> fields) throws IOException {
        return open(capture, fields, false);
    }

    private static ExpectWriter open(Path capture, List<String> fields, boolean overwrite) throws IOException {
        Path file = ExpectFile.of(capture);
        OutputStream out = new BufferedOutputStream(NewFiles.newOutputStream(file, overwrite), 1 << 16);
        try {
            return new ExpectWriter(out, capture, fields);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** True once the header is written. */
    public boolean identified() {
        return pending == null;
    }

    /** Writes the header for a capture with these first bytes, then the lines that waited for it. */
    public void identify(CapturePrefix prefix) throws IOException {
        if (identified()) {
            throw new IllegalStateException("the sidecar of " + captureName + " already has its header");
        }
        json.flush();
        ByteArrayOutputStream waiting = pending;
        pending = null;
        target.to(file);
        json.writeStartObject();
        json.writeNumberField(ExpectFile.VERSION_KEY, ExpectFile.FORMAT_VERSION);
        json.writeStringField(ExpectFile.CAPTURE_KEY, captureName);
        json.writeNumberField(ExpectFile.BYTES_KEY, prefix.bytes());
        json.writeStringField(ExpectFile.SHA256_KEY, prefix.sha256());
        json.writeArrayFieldStart(ExpectFile.FIELDS_KEY);
        for (String f : fields) {
            json.writeString(f);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
        waiting.writeTo(file);
    }

    /** Starts the line of event {@code eventNumber}; add each field, then {@link #endEvent()}. */
    public void startEvent(long eventNumber) throws IOException {
        json.writeStartObject();
        json.writeNumberField(ExpectFile.EVENT_KEY, eventNumber);
        json.writeObjectFieldStart(ExpectFile.VALUES_KEY);
    }

    /** One field's values, as text. */
    public void field(String name, List<?> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (Object v : values) {
            json.writeString(String.valueOf(v));
        }
        json.writeEndArray();
    }

    /** Ends the current event's line. */
    public void endEvent() throws IOException {
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** Hands every complete line to the OS (none before the header). */
    public void flush() throws IOException {
        json.flush();
        if (identified()) {
            file.flush();
        }
    }

    /** Closes the file; lines still waiting for a header are dropped, and the file stays empty. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            json.close();
        } finally {
            file.close();
        }
    }

    /** The stream the generator writes to: memory until the header is known, the file after. */
    private static final class Target extends OutputStream {
        private OutputStream out;

        Target(OutputStream out) {
            this.out = out;
        }

        void to(OutputStream next) {
            out = next;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // the file is closed by the writer, after the generator
        }
    }
}

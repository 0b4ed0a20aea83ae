package dev.scapula.capture.expect;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.scapula.capture.io.NewFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a capture's live values, one line per event, streaming: nothing is kept in memory.
 * {@link #flush()} with the capture, so both survive a crash up to the same point.
 */
public final class ExpectWriter implements AutoCloseable {
    private final OutputStream out;
    private final JsonGenerator json;
    private boolean closed;

    private ExpectWriter(OutputStream out, Path capture, List<String> fields) throws IOException {
        this.out = out;
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null); // one object per line, no space before each
        json.writeStartObject();
        json.writeNumberField("scapula_expect", ExpectFile.FORMAT_VERSION);
        json.writeStringField("capture", capture.getFileName().toString());
        json.writeArrayFieldStart("fields");
        for (String f : fields) {
            json.writeString(f);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /**
     * Creates (or replaces) the sidecar of {@code capture} for these fields, never through a
     * link; whether an old one may go is the caller's decision (the recorder's {@code --force}).
     */
    public static ExpectWriter create(Path capture, List<String> fields) throws IOException {
        Path file = ExpectFile.of(capture);
        OutputStream out = new BufferedOutputStream(NewFiles.newOutputStream(file, true), 1 << 16);
        try {
            return new ExpectWriter(out, capture, fields);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Starts the line of event {@code eventNumber}; add each field, then {@link #endEvent()}. */
    public void startEvent(long eventNumber) throws IOException {
        json.writeStartObject();
        json.writeNumberField("evt", eventNumber);
        json.writeObjectFieldStart("v");
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

    /** Hands every complete line to the OS. */
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            json.close();
        } finally {
            out.close();
        }
    }
}

package dev.scapula.capture.expect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a capture's live values sidecar line by line, streaming. A last line cut short (the
 * recorder was killed) ends the values quietly and is counted in {@link #truncatedLines()}; any
 * other damage is an error naming the file and line.
 */
public final class ExpectReader implements AutoCloseable {
    private final Path file;
    private final BufferedReader lines;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> fields;
    private long lineNumber = 1;
    private long truncated;

    private ExpectReader(Path file) throws IOException {
        this.file = file;
        this.lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            String first = lines.readLine();
            JsonNode header = first == null ? null : parse(first);
            if (header == null || !header.has("scapula_expect")) {
                throw error("the first line is not a scapula_expect header");
            }
            int version = header.get("scapula_expect").asInt();
            if (version > ExpectFile.FORMAT_VERSION) {
                throw error("format version " + version + " is newer than this reader ("
                        + ExpectFile.FORMAT_VERSION + ")");
            }
            List<String> names = new ArrayList<>();
            header.path("fields").forEach(f -> names.add(f.asText()));
            this.fields = List.copyOf(names);
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** Opens the sidecar of {@code capture}, if it has one. */
    public static Optional<ExpectReader> forCapture(Path capture) throws IOException {
        Path file = ExpectFile.of(capture);
        return Files.isRegularFile(file) ? Optional.of(new ExpectReader(file)) : Optional.empty();
    }

    /** The fields the recorder extracted live. */
    public List<String> fields() {
        return fields;
    }

    /** The sidecar file. */
    public Path file() {
        return file;
    }

    /** The next event's values, in event order, or null after the last one. */
    public ExpectedValues next() throws IOException {
        String line = lines.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            String after = lines.readLine();
            if (after == null) {
                truncated++; // the last line, cut short by a crash
                return null;
            }
            throw error("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.has("evt") || !node.path("v").isObject()) {
            throw error("expected {\"evt\":N,\"v\":{...}}");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("v").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            List<String> vs = new ArrayList<>();
            f.getValue().forEach(v -> vs.add(v.asText()));
            values.put(f.getKey(), vs);
        }
        return new ExpectedValues(node.get("evt").asLong(), values);
    }

    /** Lines dropped because the file ends inside them (0 or 1). */
    public long truncatedLines() {
        return truncated;
    }

    private JsonNode parse(String line) throws IOException {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw error("not JSON: " + e.getMessage());
        }
    }

    private IOException error(String what) {
        return new IOException(file + ": line " + lineNumber + ": " + what);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}

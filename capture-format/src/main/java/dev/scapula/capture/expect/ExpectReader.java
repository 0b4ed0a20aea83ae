package dev.scapula.capture.expect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.io.CapturePrefix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a capture's live values sidecar line by line, streaming, and trusts none of it: the
 * header must name the capture (file name and digest of its first bytes), every line must be one
 * JSON object of the right shape, event numbers must increase, and no line may be longer than
 * {@link ExpectFile#MAX_LINE_BYTES}. A last line cut short (the recorder was killed) ends the values
 * and is counted in {@link #truncatedLines()}; any other fault is an {@link IOException} naming
 * the file, the line and what was expected.
 */
public final class ExpectReader implements AutoCloseable {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String RECORD_AGAIN = "record the capture again with record --expect";
    private static final Set<String> HEADER_KEYS = Set.of(ExpectFile.VERSION_KEY, ExpectFile.CAPTURE_KEY,
            ExpectFile.BYTES_KEY, ExpectFile.SHA256_KEY, ExpectFile.FIELDS_KEY);
    private static final Set<String> EVENT_KEYS = Set.of(ExpectFile.EVENT_KEY, ExpectFile.VALUES_KEY);

    private final String name;
    private final InputStream in;
    private final int maxLine;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final List<String> fields;
    private final Set<String> fieldSet;
    private final String captureName;
    private final CapturePrefix prefix;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufEnd;
    private byte[] line = new byte[256];
    private int length;
    private boolean ended;
    private long lineNumber;
    private long lastEvent;
    private long truncated;

    ExpectReader(String name, InputStream in, int maxLine) throws IOException {
        this.name = name;
        this.in = in;
        this.maxLine = maxLine;
        Boolean terminated = readLine();
        if (terminated == null) {
            lineNumber = 1;
            throw error("expected the header, but the file is empty (the recording ended before it wrote one); "
                    + RECORD_AGAIN);
        }
        JsonNode header = parse(terminated, "the header line");
        if (!header.isObject() || !header.has(ExpectFile.VERSION_KEY)) {
            throw error("expected the header {\"" + ExpectFile.VERSION_KEY + "\":" + ExpectFile.FORMAT_VERSION
                    + ",\"capture\":...}, found " + kind(header));
        }
        JsonNode version = header.get(ExpectFile.VERSION_KEY);
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            throw error("expected a format version (a positive integer) in \"" + ExpectFile.VERSION_KEY
                    + "\", found " + kind(version));
        }
        if (version.intValue() > ExpectFile.FORMAT_VERSION) {
            throw error("format version " + version.intValue() + " is newer than this reader ("
                    + ExpectFile.FORMAT_VERSION + ")");
        }
        if (version.intValue() < ExpectFile.FORMAT_VERSION) {
            throw error("format version " + version.intValue() + " comes from an older scapula, whose sidecars do "
                    + "not say which capture they belong to; " + RECORD_AGAIN);
        }
        unexpectedKeys(header, HEADER_KEYS);
        this.captureName = text(header, ExpectFile.CAPTURE_KEY);
        JsonNode bytes = required(header, ExpectFile.BYTES_KEY);
        if (!bytes.isIntegralNumber() || !bytes.canConvertToLong() || bytes.longValue() < 1
                || bytes.longValue() > CapturePrefix.LIMIT) {
            throw error("expected \"" + ExpectFile.BYTES_KEY + "\" to be an integer from 1 to " + CapturePrefix.LIMIT
                    + ", found " + kind(bytes));
        }
        String sha = text(header, ExpectFile.SHA256_KEY);
        if (!SHA256.matcher(sha).matches()) {
            throw error("expected \"" + ExpectFile.SHA256_KEY + "\" to be 64 lower-case hex digits, found \""
                    + shorten(sha) + "\"");
        }
        this.prefix = new CapturePrefix(bytes.longValue(), sha);
        JsonNode names = required(header, ExpectFile.FIELDS_KEY);
        if (!names.isArray() || names.isEmpty()) {
            throw error("expected \"" + ExpectFile.FIELDS_KEY + "\" to be a non-empty list of field names, found "
                    + kind(names));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode f : names) {
            if (!f.isTextual() || f.textValue().isEmpty()) {
                throw error("expected every entry of \"" + ExpectFile.FIELDS_KEY + "\" to be a field name, found "
                        + kind(f));
            }
            if (!seen.add(f.textValue())) {
                throw error("field " + f.textValue() + " is listed twice in \"" + ExpectFile.FIELDS_KEY + "\"");
            }
        }
        this.fields = List.copyOf(seen);
        this.fieldSet = Set.copyOf(seen);
    }

    /**
     * Opens the sidecar of {@code capture}, if it has one, after checking that it was written
     * for that capture: the same file name and the same digest of its first bytes.
     */
    public static Optional<ExpectReader> forCapture(Path capture) throws IOException {
        Path file = ExpectFile.of(capture);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ExpectReader r = open(file);
        try {
            r.checkBelongsTo(capture);
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Opens a sidecar file and reads its header, without looking at any capture. */
    public static ExpectReader open(Path file) throws IOException {
        return read(file.toString(), Files.newInputStream(file));
    }

    /** Reads a sidecar from a stream (closed with the reader), {@code name} naming it in errors. */
    public static ExpectReader read(String name, InputStream in) throws IOException {
        try {
            return new ExpectReader(name, in, ExpectFile.MAX_LINE_BYTES);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void checkBelongsTo(Path capture) throws IOException {
        lineNumberForHeader(() -> {
            String actual = capture.getFileName().toString();
            if (!captureName.equals(actual)) {
                throw error("written for capture " + captureName + ", not " + actual
                        + " (a sidecar belongs to the file it was recorded with)");
            }
            CapturePrefix found = CapturePrefix.of(capture, prefix.bytes());
            if (found.bytes() < prefix.bytes()) {
                throw error("written for a capture of at least " + prefix.bytes() + " bytes (uncompressed), but "
                        + capture + " has " + found.bytes() + ": it belongs to another recording");
            }
            if (!found.sha256().equals(prefix.sha256())) {
                throw error("written for another recording named " + captureName + ": the first " + prefix.bytes()
                        + " bytes of " + capture + " have sha256 " + found.sha256() + ", the sidecar expects "
                        + prefix.sha256());
            }
        });
    }

    private interface Check {
        void run() throws IOException;
    }

    /** Runs a header check with the error pointing at line 1, whatever was read since. */
    private void lineNumberForHeader(Check check) throws IOException {
        long at = lineNumber;
        lineNumber = 1;
        try {
            check.run();
        } finally {
            lineNumber = at;
        }
    }

    /** The fields the recorder extracted live, as the header lists them. */
    public List<String> fields() {
        return fields;
    }

    /** The capture file name the header names. */
    public String captureName() {
        return captureName;
    }

    /** Which first bytes of the capture the header names. */
    public CapturePrefix capturePrefix() {
        return prefix;
    }

    /** The sidecar, as errors name it. */
    public String name() {
        return name;
    }

    /** The line the last value came from (1: the header). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next event's values, in event order, or null after the last one. */
    public ExpectedValues next() throws IOException {
        Boolean terminated = readLine();
        if (terminated == null) {
            return null;
        }
        String text = decoded();
        if (text == null) {
            if (!terminated) {
                truncated++; // a last line cut inside a character
                return null;
            }
            throw notUtf8();
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            if (!terminated) {
                truncated++; // the last line, cut short by a crash
                return null;
            }
            throw error("expected one JSON object {\"evt\":N,\"v\":{...}}, but it is not JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw error("expected {\"evt\":N,\"v\":{...}}, found an empty line");
        }
        if (!node.isObject()) {
            throw error("expected {\"evt\":N,\"v\":{...}}, found " + kind(node));
        }
        unexpectedKeys(node, EVENT_KEYS);
        JsonNode evt = required(node, ExpectFile.EVENT_KEY);
        if (!evt.isIntegralNumber() || !evt.canConvertToLong() || evt.longValue() < 1) {
            throw error("expected \"evt\" to be an event number (an integer from 1), found " + kind(evt));
        }
        long event = evt.longValue();
        if (event <= lastEvent) {
            throw error("expected an event number above " + lastEvent + " (the previous line's), found " + event);
        }
        JsonNode v = required(node, ExpectFile.VALUES_KEY);
        if (!v.isObject()) {
            throw error("expected \"v\" to be an object of field values, found " + kind(v));
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!fieldSet.contains(f.getKey())) {
                throw error("event " + event + " has field " + shorten(f.getKey())
                        + ", which the header does not list (" + String.join(", ", fields) + ")");
            }
            if (!f.getValue().isArray()) {
                throw error("expected field " + f.getKey() + " of event " + event + " to be a list of strings, found "
                        + kind(f.getValue()));
            }
            List<String> vs = new ArrayList<>(f.getValue().size());
            for (JsonNode x : f.getValue()) {
                if (!x.isTextual()) {
                    throw error("expected field " + f.getKey() + " of event " + event
                            + " to be a list of strings, found an element that is " + kind(x));
                }
                vs.add(x.textValue());
            }
            values.put(f.getKey(), vs);
        }
        if (values.size() != fields.size()) {
            Set<String> missing = new TreeSet<>(fieldSet);
            missing.removeAll(values.keySet());
            throw error("event " + event + " lacks field" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (every line has every header field; no value is [])");
        }
        lastEvent = event;
        return new ExpectedValues(event, values);
    }

    /** Lines dropped because the file ends inside them (0 or 1). */
    public long truncatedLines() {
        return truncated;
    }

    /**
     * Reads the next line into {@link #line}, without its newline: true when a newline ended it,
     * false when the file did, null at the end of the file. A line longer than the limit is
     * refused when its limit is reached, before the rest is read.
     */
    private Boolean readLine() throws IOException {
        if (ended) {
            return null;
        }
        length = 0;
        while (true) {
            if (bufPos == bufEnd) {
                bufEnd = in.read(buf);
                bufPos = 0;
                if (bufEnd < 0) {
                    bufEnd = 0;
                    ended = true;
                    if (length == 0) {
                        return null;
                    }
                    lineNumber++;
                    return false;
                }
            }
            int start = bufPos;
            while (bufPos < bufEnd && buf[bufPos] != '\n') {
                bufPos++;
            }
            append(start, bufPos - start);
            if (bufPos < bufEnd) {
                bufPos++; // the newline
                lineNumber++;
                return true;
            }
        }
    }

    private void append(int from, int n) throws IOException {
        if ((long) length + n > maxLine) {
            lineNumber++;
            throw error(String.format("the line is longer than %,d bytes, the most a sidecar line may be", maxLine));
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLine, Math.max(length + n, 2L * line.length)));
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    private JsonNode parse(boolean terminated, String what) throws IOException {
        String text = decoded();
        if (text == null) {
            throw notUtf8();
        }
        try {
            JsonNode n = json.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw error("expected " + what + ", found an empty line");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw error((terminated ? "" : "cut short: ") + what + " is not JSON: " + e.getOriginalMessage()
                    + (terminated ? "" : "; " + RECORD_AGAIN));
        }
    }

    /**
     * The line as text, decoded as the UTF-8 the writer writes (given bytes, Jackson would guess
     * UTF-16 or UTF-32 from the first ones), or null when it is not UTF-8.
     */
    private String decoded() {
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private IOException notUtf8() {
        return error("expected UTF-8 text, found bytes that are not UTF-8");
    }

    private JsonNode required(JsonNode object, String key) throws IOException {
        JsonNode n = object.get(key);
        if (n == null) {
            throw error("expected \"" + key + "\", which is missing");
        }
        return n;
    }

    private String text(JsonNode object, String key) throws IOException {
        JsonNode n = required(object, key);
        if (!n.isTextual()) {
            throw error("expected \"" + key + "\" to be a string, found " + kind(n));
        }
        return n.textValue();
    }

    private void unexpectedKeys(JsonNode object, Set<String> allowed) throws IOException {
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error("unexpected key \"" + shorten(k) + "\" (expected only " + String.join(", ",
                        new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** What a JSON value is, for an error: its type and, when short, the value. */
    private static String kind(JsonNode n) {
        String type = switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> n.isIntegralNumber() ? "an integer" : "a fraction";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "no value";
        };
        return type + (n.isContainerNode() ? "" : " (" + shorten(n.toString()) + ")");
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private IOException error(String what) {
        return new ExpectFileException(name, lineNumber, what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

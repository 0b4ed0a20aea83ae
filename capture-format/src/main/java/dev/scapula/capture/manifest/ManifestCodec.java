package dev.scapula.capture.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Encodes the manifest as the body of a {@code SCAPULA_MANIFEST} block and decodes it back.
 *
 * <pre>
 * body: u32 format version (1) | u32 json length | UTF-8 JSON of {@link Manifest} | padding
 * </pre>
 *
 * <p>A manifest comes with a capture from anywhere, so decoding trusts nothing: the block is
 * bounded before it is buffered ({@link BlockReader#MANIFEST_BODY_LIMIT}), the text must be
 * UTF-8 and one JSON object, and every field is bounded and checked; each refusal names the byte
 * offset in the file.
 */
public final class ManifestCodec {
    /** Bumped only when a reader of an older version could not make sense of the JSON. */
    public static final int FORMAT_VERSION = 1;
    /** Most plugin entries: Falco loads a handful of plugins into one inspector. */
    public static final int MAX_PLUGINS = 64;
    /** Longest version, API version, source and recorder strings, in UTF-8 bytes. */
    public static final int MAX_SHORT_TEXT = 255;
    /**
     * Most JSON values (scalars, objects and arrays) in a manifest: 64 plugins of 9 fields need
     * under 700, and each value read costs memory, so 1 MiB of {@code [0,0,...]} is refused unread.
     */
    public static final int MAX_VALUES = 4096;
    /** Deepest nesting of objects and arrays: the manifest's own is 3 (object, plugins, entry). */
    public static final int MAX_DEPTH = 16;
    private static final int SHA256_HEX = 64;
    private static final int VERSION_OFFSET = 0;
    private static final int LENGTH_OFFSET = 4;
    private static final int JSON_OFFSET = 8;

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

    /**
     * The block body bytes for a manifest, without padding.
     *
     * @throws IllegalArgumentException when a reader would refuse it (a name that is not a plain
     *                                  name, a field or the whole past its bound)
     */
    public byte[] encode(Manifest manifest) {
        byte[] text;
        try {
            text = json.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest cannot be written as JSON: " + e.getMessage(), e);
        }
        if (JSON_OFFSET + text.length > BlockReader.MANIFEST_BODY_LIMIT) {
            throw new IllegalArgumentException("the manifest would be " + (JSON_OFFSET + text.length)
                    + " bytes, more than the " + BlockReader.MANIFEST_BODY_LIMIT + " readers accept (init configs "
                    + "and open params too large to store)");
        }
        Refusal problem = problem(manifest);
        if (problem != null) {
            throw new IllegalArgumentException("the manifest cannot be stored: " + problem.detail());
        }
        ByteBuffer out = ByteBuffer.allocate(JSON_OFFSET + text.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putInt(FORMAT_VERSION).putInt(text.length).put(text);
        return out.array();
    }

    public Manifest decode(BlockBody body) throws CaptureException {
        if (body.length() > BlockReader.MANIFEST_BODY_LIMIT) {
            // BlockReader refuses it before buffering; a body handed in some other way gets the same bound
            throw body.error(0, "manifest block of " + body.length() + " bytes (at most "
                    + BlockReader.MANIFEST_BODY_LIMIT + ")");
        }
        long version = body.u32(VERSION_OFFSET, "manifest format version");
        if (version != FORMAT_VERSION) {
            throw body.error(VERSION_OFFSET, "manifest format version " + version + " (this scapula reads "
                    + FORMAT_VERSION + ")");
        }
        long length = body.u32(LENGTH_OFFSET, "manifest length");
        if (length > body.length() - JSON_OFFSET) {
            throw body.error(LENGTH_OFFSET, "manifest length " + length + " is larger than the "
                    + (body.length() - JSON_OFFSET) + " bytes left in the block");
        }
        byte[] text = body.bytes(JSON_OFFSET, (int) length, "manifest JSON");
        int bad = firstInvalidUtf8(text);
        if (bad >= 0) {
            throw body.error(JSON_OFFSET + bad, "manifest is not valid UTF-8 (invalid byte sequence at JSON byte "
                    + bad + ")");
        }
        Map<String, Long> offsets = new HashMap<>();
        Manifest manifest;
        try {
            scan(body, text, offsets);
            manifest = json.readValue(text, Manifest.class);
        } catch (CaptureException e) {
            throw e;
        } catch (IOException e) {
            long at = e instanceof JsonProcessingException p && p.getLocation() != null
                    && p.getLocation().getByteOffset() >= 0 ? p.getLocation().getByteOffset() : 0;
            throw body.error(JSON_OFFSET + (int) Math.min(at, length), "manifest is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse("") + " (text: "
                    + printable(new String(text, 0, Math.min(text.length, 80), StandardCharsets.UTF_8)) + ")");
        }
        if (manifest == null) {
            // Jackson reads the JSON literal null as no value at all.
            throw body.error(JSON_OFFSET, "manifest JSON is null (expected an object)");
        }
        Refusal problem = problem(manifest);
        if (problem != null) {
            long at = offsets.getOrDefault(problem.pointer(), 0L);
            throw body.error(JSON_OFFSET + (int) at, "manifest refused: " + problem.detail());
        }
        return manifest;
    }

    /**
     * Walks the JSON once, before anything is built from it, noting the byte offset of every value
     * by its JSON pointer, so that a refused field can be named by its place in the file; refuses
     * more than {@link #MAX_VALUES} values or nesting deeper than {@link #MAX_DEPTH} at the value
     * that goes past the bound.
     */
    private void scan(BlockBody body, byte[] text, Map<String, Long> offsets) throws IOException {
        int values = 0;
        try (JsonParser p = json.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                boolean opens = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
                if (t.isScalarValue() || opens) {
                    long at = p.currentTokenLocation().getByteOffset();
                    if (++values > MAX_VALUES) {
                        throw body.error(JSON_OFFSET + (int) at, "manifest has more than " + MAX_VALUES
                                + " JSON values (a scapula manifest needs under 700)");
                    }
                    if (opens && p.getParsingContext().getNestingDepth() > MAX_DEPTH) {
                        throw body.error(JSON_OFFSET + (int) at, "manifest JSON is nested more than " + MAX_DEPTH
                                + " deep");
                    }
                    offsets.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), at);
                }
            }
        }
    }

    /** A field a reader refuses: its JSON pointer and why. */
    private record Refusal(String pointer, String detail) {
    }

    /** The first field a reader must refuse, or null when the manifest is sound. */
    private static Refusal problem(Manifest m) {
        Refusal r = bounded(m.recorder(), "recorder", "/recorder");
        r = r != null ? r : bounded(m.recorderVersion(), "recorderVersion", "/recorderVersion");
        if (r != null) {
            return r;
        }
        if (m.plugins().size() > MAX_PLUGINS) {
            return new Refusal("/plugins", m.plugins().size() + " plugin entries (at most " + MAX_PLUGINS + ")");
        }
        for (int i = 0; i < m.plugins().size(); i++) {
            Manifest.PluginEntry e = m.plugins().get(i);
            String ptr = "/plugins/" + i;
            String nameProblem = PluginName.problem(e.name());
            if (nameProblem != null) {
                return new Refusal(ptr + "/name", "plugin entry " + i + " has " + nameProblem + ": \""
                        + printable(shortened(String.valueOf(e.name()))) + "\"");
            }
            String entry = "plugin entry " + i + " (" + e.name() + "): ";
            r = bounded(e.version(), entry + "version", ptr + "/version");
            r = r != null ? r : bounded(e.eventSource(), entry + "eventSource", ptr + "/eventSource");
            r = r != null ? r : bounded(e.requiredApiVersion(), entry + "requiredApiVersion",
                    ptr + "/requiredApiVersion");
            if (r != null) {
                return r;
            }
            if (e.id() < 0 || e.id() > 0xffffffffL) {
                return new Refusal(ptr + "/id", entry + "id " + e.id() + " is not a u32");
            }
            String sha = e.sha256();
            if (sha != null && (sha.length() > SHA256_HEX || !sha.chars().allMatch(HexFormat::isHexDigit))) {
                return new Refusal(ptr + "/sha256", entry + "sha256 is not up to " + SHA256_HEX + " hex digits: \""
                        + printable(shortened(sha)) + "\"");
            }
        }
        return null;
    }

    private static Refusal bounded(String value, String what, String pointer) {
        int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_SHORT_TEXT ? null
                : new Refusal(pointer, what + " of " + bytes + " bytes (at most " + MAX_SHORT_TEXT + ")");
    }

    private static String shortened(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " characters)";
    }

    /** Control characters shown as escapes, so an error message cannot drive the terminal. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** The index of the first byte that is not well-formed UTF-8, or -1. */
    private static int firstInvalidUtf8(byte[] text) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(text);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                r = d.flush(out.clear());
                return r.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }
}

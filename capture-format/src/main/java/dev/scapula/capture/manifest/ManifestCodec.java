package dev.scapula.capture.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the manifest as the body of a {@code SCAPULA_MANIFEST} block and decodes it back.
 *
 * <pre>
 * body: u32 format version (1) | u32 json length | UTF-8 JSON of {@link Manifest} | padding
 * </pre>
 */
public final class ManifestCodec {
    /** Bumped only when a reader of an older version could not make sense of the JSON. */
    public static final int FORMAT_VERSION = 1;
    private static final int VERSION_OFFSET = 0;
    private static final int LENGTH_OFFSET = 4;
    private static final int JSON_OFFSET = 8;

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The block body bytes for a manifest, without padding. */
    public byte[] encode(Manifest manifest) {
        byte[] text;
        try {
            text = json.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest cannot be written as JSON: " + e.getMessage(), e);
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(JSON_OFFSET + text.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putInt(FORMAT_VERSION).putInt(text.length).put(text);
        return out.array();
    }

    public Manifest decode(BlockBody body) throws CaptureException {
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
        Manifest manifest;
        try {
            manifest = json.readValue(text, Manifest.class);
        } catch (java.io.IOException e) {
            throw body.error(JSON_OFFSET, "manifest is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse("") + " (text: "
                    + new String(text, 0, Math.min(text.length, 80), StandardCharsets.UTF_8) + ")");
        }
        if (manifest == null) {
            // Jackson reads the JSON literal null as no value at all.
            throw body.error(JSON_OFFSET, "manifest JSON is null (expected an object)");
        }
        return manifest;
    }
}

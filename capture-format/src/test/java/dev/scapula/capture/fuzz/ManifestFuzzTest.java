package dev.scapula.capture.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockReader;
import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.io.CaptureInput;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.manifest.ManifestCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arbitrary manifest block bodies in a valid section. When the first byte is odd the rest is
 * taken as the JSON text behind a correct version and length, so the fuzzer reaches the JSON
 * parser; otherwise it is the whole raw body. A manifest that decodes must encode and decode to
 * itself; anything but our own error is a finding.
 *
 * <pre>
 * odd first byte:  body = u32 1 | u32 n | data[1..] (n = data.length - 1)
 * even first byte: body = data[1..]
 * </pre>
 */
class ManifestFuzzTest {
    private final ManifestCodec codec = new ManifestCodec();

    @FuzzTest(maxDuration = "20s")
    void decodesAnyManifestBlockOrFailsWithItsOwnError(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        byte[] body = (data[0] & 1) == 1 ? withHeader(data) : data;
        byte[] file = Frames.sectionWithBlock(BlockType.SCAPULA_MANIFEST, body, 1);
        Manifest decoded;
        try (BlockReader r = new BlockReader(CaptureInput.fromStream("fuzz", new ByteArrayInputStream(file)))) {
            r.next();
            r.next();
            decoded = codec.decode(r.body());
        } catch (CaptureException expected) {
            return; // our own error, with offsets: the contract
        }
        byte[] again = Frames.sectionWithBlock(BlockType.SCAPULA_MANIFEST, prefixed(codec.encode(decoded)), 1);
        try (BlockReader r = new BlockReader(CaptureInput.fromStream("again", new ByteArrayInputStream(again)))) {
            r.next();
            r.next();
            Manifest twice = codec.decode(r.body());
            if (!twice.equals(decoded)) {
                throw new AssertionError("manifest changed in a round trip: " + decoded + " became " + twice);
            }
        }
    }

    /** The JSON text behind the format version and its length, with the mode byte kept in front. */
    private static byte[] withHeader(byte[] data) {
        int json = data.length - 1;
        return ByteBuffer.allocate(1 + 8 + json).order(ByteOrder.LITTLE_ENDIAN).put(data[0])
                .putInt(ManifestCodec.FORMAT_VERSION).putInt(json).put(data, 1, json).array();
    }

    private static byte[] prefixed(byte[] body) {
        return ByteBuffer.allocate(1 + body.length).put((byte) 0).put(body).array();
    }
}

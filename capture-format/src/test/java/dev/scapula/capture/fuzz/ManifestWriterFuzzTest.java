package dev.scapula.capture.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Manifests built field by field from the fuzzer's bytes: the writer must refuse exactly what
 * readers refuse, so every manifest {@link ManifestCodec#encode} accepts decodes to itself, and
 * the reader's bounds (values, nesting, bytes) never refuse a manifest scapula wrote.
 */
class ManifestWriterFuzzTest {
    private final ManifestCodec codec = new ManifestCodec();

    @FuzzTest(maxDuration = "20s")
    void writtenManifestsReadBackOrTheWriterRefusesThem(FuzzedDataProvider data) throws IOException {
        int count = data.consumeInt(0, ManifestCodec.MAX_PLUGINS + 2);
        List<Manifest.PluginEntry> plugins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plugins.add(new Manifest.PluginEntry(text(data, 300), text(data, 300), data.consumeLong(), text(data, 300),
                    text(data, 300), text(data, 4096), text(data, 4096), text(data, 70)));
        }
        Manifest written = new Manifest(text(data, 300), text(data, 300), data.consumeLong(), plugins);
        byte[] body;
        try {
            body = codec.encode(written);
        } catch (IllegalArgumentException refusedByTheWriter) {
            return;
        }
        byte[] file = Frames.sectionWithBlock(BlockType.SCAPULA_MANIFEST,
                ByteBuffer.allocate(1 + body.length).put((byte) 0).put(body).array(), 1);
        try (BlockReader r = new BlockReader(CaptureInput.fromStream("fuzz", new ByteArrayInputStream(file)))) {
            r.next();
            r.next();
            Manifest read = codec.decode(r.body());
            if (!read.equals(written)) {
                throw new AssertionError("manifest changed in a round trip: " + written + " became " + read);
            }
        } catch (CaptureException e) {
            throw new AssertionError("the writer stored a manifest readers refuse: " + e.getMessage(), e);
        }
    }

    /** A string that is null now and then, as a plugin's optional fields may be. */
    private static String text(FuzzedDataProvider data, int maxLength) {
        return data.consumeBoolean() ? null : data.consumeString(maxLength);
    }
}

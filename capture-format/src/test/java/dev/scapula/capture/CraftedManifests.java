package dev.scapula.capture;

import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.manifest.ManifestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Captures whose manifest says whatever a test wants, as a hostile file would: the writer refuses
 * to store a bad manifest, so tests swap the manifest block of a sound capture for a crafted one.
 */
public final class CraftedManifests {
    private CraftedManifests() {
    }

    /** The capture with its manifest block's JSON replaced by {@code json} (UTF-8), written to {@code out}. */
    public static Path withManifestJson(Path capture, String json, Path out) throws IOException {
        return withManifestJson(capture, json.getBytes(StandardCharsets.UTF_8), out);
    }

    /** As {@link #withManifestJson(Path, String, Path)}, with the JSON's raw bytes (which need not be UTF-8). */
    public static Path withManifestJson(Path capture, byte[] json, Path out) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(ManifestCodec.FORMAT_VERSION).putInt(json.length).put(json);
        return withManifestBody(capture, body.array(), out);
    }

    /** The capture (plain, little-endian) with the body of its manifest block replaced by {@code body}. */
    public static Path withManifestBody(Path capture, byte[] body, Path out) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(capture)).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean replaced = false;
        int at = 0;
        while (at < in.limit()) {
            int type = in.getInt(at);
            int total = in.getInt(at + 4);
            if (type == BlockType.SCAPULA_MANIFEST && !replaced) {
                int padded = (body.length + 3) & ~3;
                ByteBuffer block = ByteBuffer.allocate(12 + padded).order(ByteOrder.LITTLE_ENDIAN);
                block.putInt(type).putInt(12 + padded).put(body).position(8 + padded);
                block.putInt(12 + padded);
                b.write(block.array());
                replaced = true;
            } else {
                b.write(in.array(), at, total);
            }
            at += total;
        }
        if (!replaced) {
            throw new IllegalArgumentException(capture + " has no manifest block");
        }
        Files.write(out, b.toByteArray());
        return out;
    }
}

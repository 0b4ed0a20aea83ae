package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.manifest.ManifestCodec;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A manifest is untrusted input: names that are paths, oversized fields and broken text are refused with offsets. */
class HostileManifestTest {
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;
    private Path sound;

    @BeforeEach
    void writeASoundCapture() throws Exception {
        sound = dir.resolve("sound.scap");
        try (CaptureWriter w = CaptureWriter.create(sound, CaptureOptions.plain().withManifest(new Manifest("scapula",
                "1", 0, List.of(new Manifest.PluginEntry("counter", "0.1.0", 9001, "counter", "3.0.0", "", "", SHA)))))) {
            w.writePluginEvent(1, -1, 9001, new byte[8]);
        }
    }

    private static String manifest(String nameJson, String initConfigJson) {
        return "{\"recorder\":\"scapula\",\"recorderVersion\":\"1\",\"createdAtNanos\":0,\"plugins\":[{\"name\":"
                + nameJson + ",\"version\":\"0.1.0\",\"id\":9001,\"eventSource\":\"counter\","
                + "\"requiredApiVersion\":\"3.0.0\",\"initConfig\":" + initConfigJson + ",\"openParams\":\"\","
                + "\"sha256\":\"" + SHA + "\"}]}";
    }

    private CaptureException refused(String json) throws Exception {
        Path bad = CraftedManifests.withManifestJson(sound, json, dir.resolve("bad.scap"));
        try (CaptureReader r = CaptureReader.open(bad)) {
            throw new AssertionError("read a capture with the manifest " + json + ": " + r.manifest());
        } catch (CaptureException e) {
            return e;
        }
    }

    @Test
    void theSoundCaptureReads() throws Exception {
        try (CaptureReader r = CaptureReader.open(sound)) {
            assertThat(r.manifest().orElseThrow().plugins().get(0).name()).isEqualTo("counter");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x.so/..\"", "\"./x\"", "\"/tmp/libx.so\"", "\"..\\\\x\"", "\"a..b\"", "\"cou\\u0000nter\"",
        "\"cou\\nter\"", "\"\\u001b[31m\"", "\"\"", "null"})
    void aNameThatIsNotAPlainNameIsRefusedAtItsByteOffset(String name) throws Exception {
        String json = manifest(name, "\"\"");
        CaptureException e = refused(json);
        int nameAt = json.indexOf("\"name\":") + "\"name\":".length();
        // file offset of the JSON: the manifest block starts after the section header and machine info
        long jsonStart = manifestJsonOffset();
        assertThat(e.getMessage()).startsWith(dir.resolve("bad.scap") + ": byte " + (jsonStart + nameAt) + ", block 3")
                .contains("plugin entry 0 has");
        assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("\u0000");
    }

    @Test
    void aNameOver255BytesIsRefused() throws Exception {
        assertThat(refused(manifest("\"" + "é".repeat(128) + "\"", "\"\"")).getMessage())
                .contains("a plugin name of 256 bytes (at most 255)");
        // 255 bytes is a name
        Path ok = CraftedManifests.withManifestJson(sound, manifest("\"" + "n".repeat(255) + "\"", "\"\""),
                dir.resolve("ok.scap"));
        try (CaptureReader r = CaptureReader.open(ok)) {
            assertThat(r.manifest().orElseThrow().plugins().get(0).name()).hasSize(255);
        }
    }

    @Test
    void aHugeManifestBlockIsRefusedBeforeItIsBuffered() throws Exception {
        // 64 MiB of init config: refused from the block's length field, at byte 4 of the block
        String huge = "\"" + "x".repeat(64 << 20) + "\"";
        CaptureException e = refused(manifest("\"counter\"", huge));
        assertThat(e.getMessage()).contains("manifest block length").contains("bytes a scapula manifest may take")
                .contains("byte " + (manifestJsonOffset() - 8 - 8 + 4) + ", block 3");
    }

    @Test
    void aManifestJustUnderTheBoundReadsAndTheWriterRefusesOneOverIt() throws Exception {
        String config = "\"" + "x".repeat(900_000) + "\"";
        Path ok = CraftedManifests.withManifestJson(sound, manifest("\"counter\"", config), dir.resolve("ok.scap"));
        try (CaptureReader r = CaptureReader.open(ok)) {
            assertThat(r.manifest().orElseThrow().plugins().get(0).initConfig()).hasSize(900_000);
        }
        Manifest tooBig = new Manifest("scapula", "1", 0, List.of(new Manifest.PluginEntry("counter", "0.1.0", 9001,
                "counter", "3.0.0", "x".repeat(2 << 20), "", SHA)));
        assertThatThrownBy(() -> CaptureWriter.create(dir.resolve("big.scap"), CaptureOptions.plain()
                .withManifest(tooBig))).hasMessageContaining("readers accept");
    }

    @Test
    void tooManyEntriesOversizedFieldsAndABadSha256AreRefused() throws Exception {
        String entry = manifest("\"counter\"", "\"\"");
        String entries = entry.substring(entry.indexOf('[') + 1, entry.lastIndexOf(']'));
        String many = entry.replace(entries, String.join(",", java.util.Collections.nCopies(65, entries)));
        assertThat(refused(many).getMessage()).contains("65 plugin entries (at most 64)");
        assertThat(refused(entry.replace("\"0.1.0\"", "\"" + "9".repeat(300) + "\"")).getMessage())
                .contains("plugin entry 0 (counter): version of 300 bytes (at most 255)");
        assertThat(refused(entry.replace(SHA, "../../etc/passwd")).getMessage())
                .contains("sha256 is not up to 64 hex digits");
        assertThat(refused(entry.replace("9001", "-1")).getMessage()).contains("id -1 is not a u32");
    }

    @Test
    void tooManyValuesAndDeepNestingAreRefusedAtTheValueThatGoesPastTheBound() throws Exception {
        // well under the block bound (about 8 KiB), but more values than any manifest needs, in a field readers skip
        String sound = manifest("\"counter\"", "\"\"");
        String many = sound.replace("{\"recorder\"", "{\"padding\":[" + "0,".repeat(ManifestCodec.MAX_VALUES) + "0],"
                + "\"recorder\"");
        // the array is value 2, its elements 3 onwards: value MAX_VALUES + 1 is element MAX_VALUES - 2
        int pastBound = many.indexOf('[') + 1 + 2 * (ManifestCodec.MAX_VALUES - 2);
        assertThat(refused(many).getMessage()).startsWith(dir.resolve("bad.scap") + ": byte "
                + (manifestJsonOffset() + pastBound) + ", block 3")
                .contains("manifest has more than " + ManifestCodec.MAX_VALUES + " JSON values");
        String deep = sound.replace("{\"recorder\"", "{\"padding\":" + "[".repeat(40) + "]".repeat(40)
                + ",\"recorder\"");
        // the outer object is depth 1, so the array opened at depth MAX_DEPTH + 1 is bracket MAX_DEPTH
        int tooDeep = deep.indexOf('[') + ManifestCodec.MAX_DEPTH - 1;
        assertThat(refused(deep).getMessage()).startsWith(dir.resolve("bad.scap") + ": byte "
                + (manifestJsonOffset() + tooDeep) + ", block 3")
                .contains("manifest JSON is nested more than " + ManifestCodec.MAX_DEPTH + " deep");
        // one level less nests as deep as allowed and reads
        String allowed = sound.replace("{\"recorder\"", "{\"padding\":" + "[".repeat(ManifestCodec.MAX_DEPTH - 1)
                + "]".repeat(ManifestCodec.MAX_DEPTH - 1) + ",\"recorder\"");
        Path ok = CraftedManifests.withManifestJson(this.sound, allowed, dir.resolve("ok.scap"));
        try (CaptureReader r = CaptureReader.open(ok)) {
            assertThat(r.manifest().orElseThrow().plugins()).hasSize(1);
        }
    }

    @Test
    void invalidUtf8AndInvalidJsonAreRefusedWithTheirOffsets() throws Exception {
        byte[] json = manifest("\"counter\"", "\"\"").getBytes(StandardCharsets.UTF_8);
        int at = new String(json, StandardCharsets.UTF_8).indexOf("counter");
        json[at + 2] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        Path bad = CraftedManifests.withManifestJson(sound, json, dir.resolve("utf8.scap"));
        assertThatThrownBy(() -> CaptureReader.open(bad)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("byte " + (manifestJsonOffset() + at + 2) + ", block 3")
                .hasMessageContaining("manifest is not valid UTF-8");
        assertThat(refused("{\"recorder\":\"a\",\"recorder\":\"b\",\"plugins\":[]}").getMessage())
                .contains("manifest is not valid JSON").contains("Duplicate field");
        assertThat(refused("{\"plugins\":[]} {\"plugins\":[]}").getMessage()).contains("manifest is not valid JSON");
        assertThat(refused("{\"plugins\":[{\"name\":\"counter\",\"id\":\"x\"}]}").getMessage())
                .contains("manifest is not valid JSON");
    }

    /** The file offset of the manifest's JSON text in {@link #sound}: section header, machine info, block header, 8 bytes. */
    private long manifestJsonOffset() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(java.nio.file.Files.readAllBytes(sound)).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (b.getInt(at) != dev.scapula.capture.block.BlockType.SCAPULA_MANIFEST) {
            at += b.getInt(at + 4);
        }
        return at + 8 + 8;
    }
}

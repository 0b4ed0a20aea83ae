package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.io.CapturePrefix;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer names a capture's first bytes as it writes them, the same digest a reader computes
 * from the file: what ties a live values sidecar to its capture while recording.
 */
class CapturePrefixTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] bytes, int length) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(bytes, 0, length);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void knownOnceTheFirst64KiBAreWrittenBeforeAnyReachesTheFile() throws Exception {
        Path file = dir.resolve("p.scap");
        CapturePrefix seen;
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain())) {
            int n = 0;
            while (w.position() < 64 * 1024) {
                assertThat(w.prefix()).isEmpty();
                w.writePluginEvent(1_700_000_000_000_000_000L + n, -1, 999, ("event " + n++).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(w.bytesWritten()).isZero(); // still staged: the digest does not wait for the disk
            seen = w.prefix().orElseThrow();
            for (int i = 0; i < 5000; i++) {
                w.writePluginEvent(1_800_000_000_000_000_000L + i, -1, 999, new byte[100]);
            }
            assertThat(w.prefix()).contains(seen);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(seen).isEqualTo(new CapturePrefix(64 * 1024, sha256(bytes, 64 * 1024)));
        assertThat(CapturePrefix.of(file, 64 * 1024)).isEqualTo(seen);
    }

    @Test
    void aShorterCaptureIsNamedWhenClosedByAllOfItsUncompressedBytes() throws Exception {
        Path file = dir.resolve("z.scap");
        CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withCompression(Compression.GZIP));
        for (int i = 0; i < 10; i++) {
            w.writePluginEvent(1_700_000_000_000_000_000L + i, -1, 999, new byte[] {(byte) i});
        }
        assertThat(w.prefix()).isEmpty();
        w.close();
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            plain = in.readAllBytes();
        }
        assertThat(w.prefix()).contains(new CapturePrefix(plain.length, sha256(plain, plain.length)));
        assertThat(CapturePrefix.of(file, 64 * 1024)).isEqualTo(w.prefix().orElseThrow());
    }
}

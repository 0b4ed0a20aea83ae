package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.CaptureInput;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged files: every complete event before the damage is delivered, then a precise error. */
class DamagedCaptureTest {
    /** SHB (28) + MI (192): the first event block starts here in files our writer makes without a manifest. */
    private static final int FIRST_EVENT_OFFSET = 220;
    /** A plugin event block with a 10-byte payload: 8 + 2 + 38 + 10 = 58, padded to 60, plus trailer. */
    private static final int EVENT_BLOCK = 64;

    @TempDir
    Path dir;

    private Path capture(int events, Compression c) throws Exception {
        Path file = dir.resolve("c-" + c + ".scap");
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withCompression(c))) {
            for (int i = 0; i < events; i++) {
                w.writePluginEvent(i, -1, 9001, new byte[10]);
            }
        }
        return file;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static long readAll(CaptureReader r) throws Exception {
        long n = 0;
        while (r.next() != null) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 7, 8, 9, 30, 59, 63})
    void aFileCutInsideTheLastBlockDeliversEveryCompleteEvent(int keep) throws Exception {
        byte[] full = Files.readAllBytes(capture(10, Compression.NONE));
        int lastBlock = FIRST_EVENT_OFFSET + 9 * EVENT_BLOCK;
        assertThat(full).hasSize(lastBlock + EVENT_BLOCK);
        Path cut = write("cut.scap", Arrays.copyOf(full, lastBlock + keep));
        try (CaptureReader r = CaptureReader.open(cut)) {
            for (int i = 0; i < 9; i++) {
                assertThat(r.next().timestamp()).isEqualTo(i);
            }
            assertThatThrownBy(r::next)
                    .isInstanceOfSatisfying(TruncatedCaptureException.class, e -> {
                        assertThat(e.truncatedAt()).isEqualTo(lastBlock);
                        assertThat(e.completeEvents()).isEqualTo(9);
                    })
                    .hasMessageContaining(cut.toString())
                    .hasMessageContaining("truncated at byte " + lastBlock + ", 9 complete events read")
                    .hasMessageContaining("block 12");
        }
    }

    @Test
    void aCutGzipStreamDeliversTheEventsBeforeTheCut() throws Exception {
        byte[] full = Files.readAllBytes(capture(5000, Compression.GZIP));
        Path cut = write("cut.scap.gz", Arrays.copyOf(full, full.length / 2));
        try (CaptureReader r = CaptureReader.open(cut)) {
            long[] seen = {0};
            assertThatThrownBy(() -> {
                for (Event e = r.next(); e != null; e = r.next()) {
                    assertThat(e.timestamp()).isEqualTo(seen[0]++);
                }
            }).isInstanceOfSatisfying(TruncatedCaptureException.class,
                    e -> assertThat(e.completeEvents()).isEqualTo(seen[0]).isGreaterThan(100));
        }
    }

    @Test
    void aCorruptGzipTrailerIsReportedAfterTheEventsBeforeIt() throws Exception {
        byte[] b = Files.readAllBytes(capture(100, Compression.GZIP));
        b[b.length - 8] ^= 0x55; // the CRC32 of the gzip member
        try (CaptureReader r = CaptureReader.open(write("crc.scap.gz", b))) {
            for (int i = 0; i < 100; i++) {
                assertThat(r.next().timestamp()).isEqualTo(i);
            }
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .isNotInstanceOf(TruncatedCaptureException.class)
                    .hasMessageContaining("the gzip stream is corrupt after " + (FIRST_EVENT_OFFSET + 100 * EVENT_BLOCK)
                            + " uncompressed bytes");
        }
    }

    @Test
    void aMismatchedTrailerIsAnErrorNamingBothLengths() throws Exception {
        byte[] b = Files.readAllBytes(capture(3, Compression.NONE));
        int secondEventTrailer = FIRST_EVENT_OFFSET + 2 * EVENT_BLOCK - 4;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(secondEventTrailer, 7);
        Path p = write("trailer.scap", b);
        try (CaptureReader r = CaptureReader.open(p)) {
            assertThat(r.next()).isNotNull();
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .hasMessageContaining("byte " + (FIRST_EVENT_OFFSET + EVENT_BLOCK))
                    .hasMessageContaining("block 4 (EV_V2_LARGE(0x221))")
                    .hasMessageContaining("trailing length 7 does not match the block length 64");
        }
    }

    @Test
    void aBlockLengthBelowTwelveIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(capture(2, Compression.NONE));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(FIRST_EVENT_OFFSET + EVENT_BLOCK + 4, 8);
        try (CaptureReader r = CaptureReader.open(write("short.scap", b))) {
            assertThat(r.next()).isNotNull();
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .hasMessageContaining("byte " + (FIRST_EVENT_OFFSET + EVENT_BLOCK + 4))
                    .hasMessageContaining("block length 8 is smaller than the 12 bytes of header and trailer");
        }
    }

    @Test
    void anUnknownBlockLongerThanTheFileIsCorruptNotTruncated() throws Exception {
        byte[] b = Files.readAllBytes(capture(2, Compression.NONE));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(FIRST_EVENT_OFFSET, 0x77);
        bb.putInt(FIRST_EVENT_OFFSET + 4, 0x7fff0000);
        // The reader reads the header blocks up to the first event when it opens the file.
        assertThatThrownBy(() -> CaptureReader.open(write("huge.scap", b)))
                .isNotInstanceOf(TruncatedCaptureException.class)
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("byte 220, block 3 (UNKNOWN(0x77))")
                .hasMessageContaining("block length 2147418112 is larger than the 128 bytes left in the file");
    }

    @Test
    void aStreamClaimingAHugeBlockEndsAsTruncatedWithoutAllocatingIt() throws Exception {
        byte[] b = Files.readAllBytes(capture(2, Compression.NONE));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(FIRST_EVENT_OFFSET + EVENT_BLOCK + 4, 0x7fff0000);
        long before = Runtime.getRuntime().totalMemory();
        long directBefore = directBytes();
        try (CaptureReader r = CaptureReader.open(CaptureInput.fromStream("pipe", new ByteArrayInputStream(b)))) {
            assertThat(r.next()).isNotNull();
            assertThatThrownBy(r::next).isInstanceOf(TruncatedCaptureException.class)
                    .hasMessageContaining("pipe: byte " + (FIRST_EVENT_OFFSET + EVENT_BLOCK))
                    .hasMessageContaining("the block claims 2147418112 bytes");
            // measured while the reader is still open: a buffer sized from the claim would be held now
            assertThat(directBytes() - directBefore).as("direct buffers").isLessThan(256L << 20);
        }
        assertThat(Runtime.getRuntime().totalMemory() - before).as("heap").isLessThan(256L << 20);
        assertThat(directBytes() - directBefore).as("direct buffers after close").isLessThan(256L << 20);
    }

    /** Bytes held in direct buffers, which the heap's totalMemory does not see. */
    private static long directBytes() {
        return java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
                .stream().filter(p -> p.getName().equals("direct")).findFirst().orElseThrow().getMemoryUsed();
    }

    @Test
    void aLengthNearTwoGibibytesDoesNotOverflowTheWindowArithmetic() throws Exception {
        byte[] b = Files.readAllBytes(capture(2, Compression.NONE));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(FIRST_EVENT_OFFSET + EVENT_BLOCK + 4, 0x7fffffbc);
        try (CaptureReader r = CaptureReader.open(CaptureInput.fromStream("pipe", new ByteArrayInputStream(b)))) {
            assertThat(r.next()).isNotNull();
            assertThatThrownBy(r::next).isInstanceOf(TruncatedCaptureException.class)
                    .hasMessageContaining("the block claims 2147483580 bytes");
        }
    }

    @Test
    void aManifestThatIsJsonNullIsRefusedWithItsOffset() throws Exception {
        Path file = dir.resolve("null-manifest.scap");
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withManifest(
                new dev.scapula.capture.manifest.Manifest("t", "1", 0, java.util.List.of())))) {
            w.writePluginEvent(0, -1, 9001, new byte[4]);
        }
        byte[] b = Files.readAllBytes(file);
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("{\"recorder\"");
        assertThat(at).isPositive();
        int end = text.indexOf('}', text.lastIndexOf("\"plugins\"")) + 1;
        // Same length: "null" then spaces, which JSON ignores.
        byte[] replacement = ("null" + " ".repeat(end - at - 4)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(replacement, 0, b, at, replacement.length);
        assertThatThrownBy(() -> CaptureReader.open(write("null.scap", b)))
                .isInstanceOf(CaptureException.class).hasMessageContaining("manifest JSON is null (expected an object)");
    }

    @Test
    void impossibleParameterCountsAndLengthsAreRefusedAsLibscapDoes() throws Exception {
        byte[] b = Files.readAllBytes(capture(1, Compression.NONE));
        int event = FIRST_EVENT_OFFSET + 8 + 2;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(event + 22, 100_000);
        try (CaptureReader r = CaptureReader.open(write("nparams.scap", b))) {
            assertThatThrownBy(r::next).hasMessageContaining("invalid event: nparams 100000 does not fit in event len 48");
        }
        bb.putInt(event + 22, 2);
        bb.putInt(event + 30, 11);
        try (CaptureReader r = CaptureReader.open(write("plen.scap", b))) {
            assertThatThrownBy(r::next).hasMessageContaining("invalid event: param 1 len 11 exceeds event len 48");
        }
        bb.putInt(event + 30, 10);
        bb.putInt(event + 16, 20);
        try (CaptureReader r = CaptureReader.open(write("len.scap", b))) {
            assertThatThrownBy(r::next)
                    .hasMessageContaining("invalid event: len 20 is smaller than the event header size 26");
        }
    }

    @Test
    void anEventThatFailsToDecodeIsNotCountedAsDelivered() throws Exception {
        byte[] b = Files.readAllBytes(capture(2, Compression.NONE));
        // The second event's payload length: block header, cpuid, event header, plugin id's length.
        int secondPayloadLength = FIRST_EVENT_OFFSET + EVENT_BLOCK + 8 + 2 + 26 + 4;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(secondPayloadLength, 1000);
        try (CaptureReader r = CaptureReader.open(write("bad-param.scap", b))) {
            assertThat(r.next().timestamp()).isZero();
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .hasMessageContaining("byte " + secondPayloadLength + ", block 4 (EV_V2_LARGE(0x221))")
                    .hasMessageContaining("invalid event: param 1 len 1000 exceeds event len 48");
            assertThat(r.eventCount()).isEqualTo(1);
        }
    }

    @Test
    void theFirstBlockMustBeASectionHeaderWithAKnownMagicAndMajorVersion() throws Exception {
        byte[] good = Files.readAllBytes(capture(1, Compression.NONE));
        byte[] notShb = good.clone();
        notShb[0] = 0x01;
        assertThatThrownBy(() -> CaptureReader.open(write("noshb.scap", notShb)))
                .hasMessageContaining("noshb.scap: byte 0: not a .scap capture: it starts with 01 0d 0d 0a");
        byte[] magic = good.clone();
        magic[8] = 0x00;
        assertThatThrownBy(() -> CaptureReader.open(write("magic.scap", magic)))
                .hasMessageContaining("byte 8").hasMessageContaining("invalid byte-order magic");
        byte[] major = good.clone();
        major[12] = 2;
        assertThatThrownBy(() -> CaptureReader.open(write("major.scap", major)))
                .hasMessageContaining("byte 12").hasMessageContaining("format version 2.2 is newer than this reader");
        assertThatThrownBy(() -> CaptureReader.open(write("empty.scap", new byte[0])))
                .hasMessageContaining("the file is empty");
    }
}

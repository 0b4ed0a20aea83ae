package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.io.CaptureInput;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.meta.RawBlock;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files made to hurt a reader: compression bombs, block lengths near 2^32, zero-length blocks.
 * Each is read in flat memory and ends in one precise error after the events before it.
 */
class HostileCaptureTest {
    /** SHB (28) + MI (192): the first event block starts here in files our writer makes without a manifest. */
    private static final int FIRST_EVENT_OFFSET = 220;
    /** A plugin event block with a 10-byte payload: 8 + 2 + 38 + 10 = 58, padded to 60, plus trailer. */
    private static final int EVENT_BLOCK = 64;
    /** Zeros per gzip member or zstd frame of a bomb; 16384 of them make a gibibyte. */
    private static final int ZERO_CHUNK = 64 << 10;
    private static final int ZERO_CHUNKS = 16384;
    /** Off-heap memory a reader may take for a bomb: its first 1 MiB window and some slack. */
    private static final long FLAT = 4L << 20;
    /** The largest block this reader holds: a direct buffer's limit less a margin. */
    private static final long MAX_BLOCK_LENGTH = Integer.MAX_VALUE - 64;

    @TempDir
    Path dir;

    private static byte[] plain(int events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureWriter.to("plain", out, CaptureOptions.plain())) {
            for (int i = 0; i < events; i++) {
                w.writePluginEvent(i, -1, 9001, new byte[10]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] compress(Compression c, byte[] bytes) throws IOException {
        if (c == Compression.ZSTD) {
            return Zstd.compress(bytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /**
     * {@code head}, then a gibibyte of zeros, as concatenated gzip members or zstd frames (both
     * readers take them as one stream): a file of a few hundred KiB.
     */
    private static byte[] bomb(Compression c, byte[] head) throws IOException {
        byte[] zeros = compress(c, new byte[ZERO_CHUNK]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(compress(c, head));
        for (int i = 0; i < ZERO_CHUNKS; i++) {
            out.write(zeros);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static void expectEvents(CaptureReader r, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            assertThat(r.next().timestamp()).isEqualTo(i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
    void aGibibyteOfZerosAfterTheEventsStopsAtTheFirstZeroLengthBlock(Compression c) throws Exception {
        byte[] file = bomb(c, plain(3));
        Path p = write("zeros." + c.label(), file);
        DirectMemory memory = DirectMemory.mark();
        try (CaptureReader r = CaptureReader.open(p)) {
            expectEvents(r, 3);
            int zeroBlock = FIRST_EVENT_OFFSET + 3 * EVENT_BLOCK;
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .isNotInstanceOf(TruncatedCaptureException.class)
                    .hasMessage(p + ": byte " + (zeroBlock + 4) + ", block 6 (UNKNOWN(0x0)): block length 0 is "
                            + "smaller than the 12 bytes of header and trailer");
            assertThat(memory.grown()).as("off-heap bytes taken").isLessThan(FLAT);
            assertThat(r.storedBytesRead()).as("compressed bytes read of %d", file.length)
                    .isLessThan(file.length / 2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
    void aLargeEventBlockClaimingGigabytesOfZerosIsRefusedByItsEventHeaderBeforeItIsPulledIn(Compression c)
            throws Exception {
        int hugeBlock = FIRST_EVENT_OFFSET + 2 * EVENT_BLOCK;
        byte[] head = ByteBuffer.allocate(hugeBlock + 8).order(ByteOrder.LITTLE_ENDIAN).put(plain(2))
                .putInt(BlockType.EVENT_V2_LARGE).putInt(0x7FFF0000).array();
        byte[] file = bomb(c, head);
        DirectMemory memory = DirectMemory.mark();
        try (CaptureReader r = CaptureReader.open(CaptureInput.fromStream("pipe", new ByteArrayInputStream(file)))) {
            expectEvents(r, 2);
            // The event's u32 len sits after the block header, the cpuid and ts and tid.
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .isNotInstanceOf(TruncatedCaptureException.class)
                    .hasMessage("pipe: byte " + (hugeBlock + 8 + 2 + 16) + ", block 5 (EV_V2_LARGE(0x221)): invalid "
                            + "event: len 0 is smaller than the event header size 26");
            assertThat(memory.grown()).as("off-heap bytes taken").isLessThan(FLAT);
            assertThat(r.storedBytesRead()).as("compressed bytes read of %d", file.length)
                    .isLessThan(file.length / 2);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0x8000_0000L, 0x8000_0004L, 0xFFFF_FFF0L, 0xFFFF_FFFCL, 0xFFFF_FFFFL})
    void blockLengthsNearTwoToTheThirtyTwoAreReadUnsignedAndRefusedBeforeAllocating(long length) throws Exception {
        byte[] b = plain(3);
        int second = FIRST_EVENT_OFFSET + EVENT_BLOCK;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(second + 4, (int) length);
        Path p = write("near-4g.scap", b);
        DirectMemory memory = DirectMemory.mark();
        for (CaptureReader r : new CaptureReader[] {CaptureReader.open(p),
            CaptureReader.open(CaptureInput.fromStream("pipe", new ByteArrayInputStream(b)))}) {
            try (r) {
                expectEvents(r, 1);
                assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                        .isNotInstanceOf(TruncatedCaptureException.class)
                        .hasMessage(r.name() + ": byte " + (second + 4) + ", block 4 (EV_V2_LARGE(0x221)): "
                                + "block length " + length + " is larger than the " + MAX_BLOCK_LENGTH
                                + " bytes this reader can hold in one block");
            }
        }
        assertThat(memory.grown()).as("off-heap bytes taken").isLessThan(FLAT);
    }

    @Test
    void aNonLargeEventBlockNearTwoToTheThirtyTwoGetsLibscapsSixtyFourKibibyteLimit() throws Exception {
        byte[] b = plain(2);
        int second = FIRST_EVENT_OFFSET + EVENT_BLOCK;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(second, BlockType.EVENT_V2)
                .putInt(second + 4, 0xFFFF_FFF0);
        try (CaptureReader r = CaptureReader.open(write("capped.scap", b))) {
            expectEvents(r, 1);
            assertThatThrownBy(r::next).hasMessageEndingWith("byte " + (second + 4) + ", block 4 (EV_V2(0x216)): "
                    + "event block length 4294967280 is larger than the 65544 bytes libscap allows for a non-large "
                    + "event block (use 0x221 or 0x222)");
        }
    }

    @Test
    void aBlockLengthOfZeroIsRefusedInAFileAndInAPipe() throws Exception {
        byte[] b = plain(3);
        int second = FIRST_EVENT_OFFSET + EVENT_BLOCK;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(second + 4, 0);
        Path p = write("zero.scap", b);
        for (CaptureReader r : new CaptureReader[] {CaptureReader.open(p),
            CaptureReader.open(CaptureInput.fromStream("pipe", new ByteArrayInputStream(b)))}) {
            try (r) {
                expectEvents(r, 1);
                assertThatThrownBy(r::next).hasMessage(r.name() + ": byte " + (second + 4) + ", block 4 "
                        + "(EV_V2_LARGE(0x221)): block length 0 is smaller than the 12 bytes of header and trailer");
            }
        }
    }

    @Test
    void anEventBlockWithAnEmptyBodyIsRefusedWhereItsCpuidShouldBe() throws Exception {
        int empty = FIRST_EVENT_OFFSET + EVENT_BLOCK;
        byte[] b = ByteBuffer.allocate(empty + 12).order(ByteOrder.LITTLE_ENDIAN).put(plain(1))
                .putInt(BlockType.EVENT_V2_LARGE).putInt(12).putInt(12).array();
        Path p = write("empty-event.scap", b);
        try (CaptureReader r = CaptureReader.open(p)) {
            expectEvents(r, 1);
            // libscap: "block length too short 12"
            assertThatThrownBy(r::next).hasMessage(p + ": byte " + (empty + 8) + ", block 4 (EV_V2_LARGE(0x221)): "
                    + "expected 2 bytes of cpuid at body offset 0 but the block body has only 0 bytes");
        }
    }

    @Test
    void anEmptyUnknownBlockBeforeTheEventsIsKeptAndSkippedAsLibscapSkipsIt() throws Exception {
        byte[] events = plain(2);
        ByteBuffer b = ByteBuffer.allocate(events.length + 12).order(ByteOrder.LITTLE_ENDIAN)
                .put(events, 0, FIRST_EVENT_OFFSET).putInt(0x7777).putInt(12).putInt(12)
                .put(events, FIRST_EVENT_OFFSET, events.length - FIRST_EVENT_OFFSET);
        try (CaptureReader r = CaptureReader.open(write("empty-unknown.scap", b.array()))) {
            expectEvents(r, 2);
            assertThat(r.next()).isNull();
            assertThat(r.metadata()).filteredOn(RawBlock.class::isInstance).singleElement()
                    .satisfies(m -> assertThat(((RawBlock) m).body()).isEmpty());
        }
    }
}

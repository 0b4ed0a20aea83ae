package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concatenated captures and blocks out of place, handled as libsinsp handles them. */
class SectionsTest {
    @TempDir
    Path dir;

    private byte[] capture(String name, int events, long t0) throws Exception {
        Path p = dir.resolve(name);
        try (CaptureWriter w = CaptureWriter.create(p, CaptureOptions.plain())) {
            for (int i = 0; i < events; i++) {
                w.writePluginEvent(t0 + i, -1, 9001, new byte[] {(byte) i});
            }
        }
        return Files.readAllBytes(p);
    }

    @Test
    void concatenatedCapturesReadAsOneStreamOfSections() throws Exception {
        byte[] a = capture("a.scap", 3, 100);
        byte[] b = capture("b.scap", 2, 200);
        Path both = dir.resolve("both.scap");
        Files.write(both, ByteBuffer.allocate(a.length + b.length).put(a).put(b).array());
        try (CaptureReader r = CaptureReader.open(both)) {
            long[] ts = new long[5];
            int n = 0;
            for (Event e = r.next(); e != null; e = r.next()) {
                ts[n++] = e.timestamp();
            }
            assertThat(ts).containsExactly(100, 101, 102, 200, 201);
            assertThat(r.sections()).hasSize(2);
            assertThat(r.sections().get(1).offset()).isEqualTo(a.length);
            assertThat(r.blockCounts().get(BlockType.SECTION_HEADER)).isEqualTo(2);
            assertThat(r.blockCounts().get(BlockType.MACHINE_INFO)).isEqualTo(2);
            assertThat(r.lateBlocks()).isEmpty();
        }
    }

    private Path concatenated(byte[] a, byte[] b) throws Exception {
        Path both = dir.resolve("both.scap");
        Files.write(both, ByteBuffer.allocate(a.length + b.length).put(a).put(b).array());
        return both;
    }

    private static void expectEvents(CaptureReader r, long... timestamps) throws Exception {
        for (long t : timestamps) {
            assertThat(r.next().timestamp()).isEqualTo(t);
        }
    }

    @Test
    void aSecondSectionWithABadByteOrderMagicIsRefusedAfterTheFirstSectionsEvents() throws Exception {
        byte[] a = capture("a.scap", 3, 100);
        byte[] b = capture("b.scap", 2, 200);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x11223344);
        Path both = concatenated(a, b);
        try (CaptureReader r = CaptureReader.open(both)) {
            expectEvents(r, 100, 101, 102);
            // libsinsp restarts the capture at the new section header and fails: "invalid magic number".
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .hasMessage(both + ": byte " + (a.length + 8) + ", block 6 (SHB(0xA0D0D0A)): invalid byte-order "
                            + "magic 0x11223344 (expected 4D 3C 2B 1A, or 1A 2B 3C 4D for a big-endian section)");
        }
    }

    @Test
    void aSecondSectionOfANewerMajorVersionIsRefusedAsLibscapRefusesIt() throws Exception {
        byte[] a = capture("a.scap", 2, 100);
        byte[] b = capture("b.scap", 2, 200);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 2);
        Path both = concatenated(a, b);
        try (CaptureReader r = CaptureReader.open(both)) {
            expectEvents(r, 100, 101);
            assertThatThrownBy(r::next).isInstanceOf(CaptureException.class)
                    .hasMessage(both + ": byte " + (a.length + 12) + ", block 5 (SHB(0xA0D0D0A)): format version 2.2 "
                            + "is newer than this reader (libscap reads major version 1)");
        }
    }

    @Test
    void aSectionHeaderAmongTheHeaderBlocksStartsASectionWhereLibscapSkipsItAsUnknown() throws Exception {
        // libscap's header loop has no case for a section header: it seeks over it as an unknown
        // block. We take it as a section of its own (it may change the byte order), so a damaged
        // one is refused rather than ignored; the events are the same.
        byte[] a = capture("a.scap", 2, 100);
        byte[] twice = ByteBuffer.allocate(28 + 192 + a.length).put(a, 0, 28 + 192).put(a).array();
        Path file = dir.resolve("two-headers.scap");
        Files.write(file, twice);
        try (CaptureReader r = CaptureReader.open(file)) {
            expectEvents(r, 100, 101);
            assertThat(r.next()).isNull();
            assertThat(r.sections()).extracting(SectionHeader::offset).containsExactly(0L, 220L);
            assertThat(r.blockCounts().get(BlockType.MACHINE_INFO)).isEqualTo(2);
        }
    }

    @Test
    void aTrailingSectionWithoutEventsEndsTheCaptureCleanly() throws Exception {
        // libsinsp fails here ("no events in file" when it restarts at the last section); nothing
        // is lost by ending at it, so we end cleanly and count the section.
        byte[] a = capture("a.scap", 2, 100);
        Path file = concatenated(a, java.util.Arrays.copyOf(a, 28 + 192));
        try (CaptureReader r = CaptureReader.open(file)) {
            expectEvents(r, 100, 101);
            assertThat(r.next()).isNull();
            assertThat(r.sections()).hasSize(2);
        }
    }

    @Test
    void aMetadataBlockAfterEventsIsKeptAndReportedNotDropped() throws Exception {
        byte[] a = capture("a.scap", 2, 100);
        // An unknown block after the events: libscap stops there with "unexpected block type".
        ByteBuffer late = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        late.putInt(0x7777).putInt(16).putInt(42).putInt(16);
        byte[] c = capture("c.scap", 1, 300);
        byte[] lastEvent = java.util.Arrays.copyOfRange(c, 220, c.length);
        Path file = dir.resolve("late.scap");
        Files.write(file, ByteBuffer.allocate(a.length + 16 + lastEvent.length).put(a).put(late.array())
                .put(lastEvent).array());
        try (CaptureReader r = CaptureReader.open(file)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(3);
            assertThat(r.lateBlocks()).singleElement().satisfies(b -> {
                assertThat(b.type()).isEqualTo(0x7777);
                assertThat(b.offset()).isEqualTo(a.length);
            });
        }
    }
}

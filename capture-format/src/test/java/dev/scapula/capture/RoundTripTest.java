package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.RawEvent;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Events written by our writer come back identical, for every compression and block variant. */
class RoundTripTest {
    private static final int SYSCALL_TYPE_OPEN_E = 2;

    static Stream<Arguments> seeds() {
        List<Arguments> out = new ArrayList<>();
        for (Compression c : Compression.values()) {
            for (long seed = 1; seed <= 8; seed++) {
                out.add(Arguments.of(c, seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("seeds")
    void randomEventsComeBackIdentical(Compression compression, long seed, @TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<RawEvent> written = new ArrayList<>();
        Path file = dir.resolve("rt.scap");
        Manifest manifest = new Manifest("scapula-test", "0", seed,
                List.of(new Manifest.PluginEntry("counter", "1.0.0", 9001, "counter", "3.0.0", "{}", "count=1",
                        "ab".repeat(32))));
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withCompression(compression)
                .withManifest(manifest))) {
            int n = 50 + random.nextInt(200);
            for (int i = 0; i < n; i++) {
                RawEvent e = randomEvent(random, i);
                w.writeEvent(e);
                written.add(e);
            }
        }
        try (CaptureReader r = CaptureReader.open(file)) {
            assertThat(r.compression()).isEqualTo(compression);
            assertThat(r.manifest()).contains(manifest);
            for (RawEvent expected : written) {
                Event e = r.next();
                assertThat(e).as("event %d", expected.number()).isNotNull();
                assertSame(e.copy(), expected);
            }
            assertThat(r.next()).isNull();
            assertThat(r.eventCount()).isEqualTo(written.size());
        }
    }

    @Test
    void payloadsFromEmptyToSixteenMebibytesComeBackIdentical(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        int[] sizes = {0, 1, 3, 64, 4096, 65_535, 65_536, 70_000, 1 << 20, 16 << 20};
        for (Compression c : Compression.values()) {
            Path file = dir.resolve("big-" + c + ".scap");
            List<byte[]> payloads = new ArrayList<>();
            try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withCompression(c))) {
                for (int size : sizes) {
                    byte[] p = new byte[size];
                    random.nextBytes(p);
                    payloads.add(p);
                    w.writePluginEvent(payloads.size(), -1, 9001, p);
                    w.writeAsyncEvent(payloads.size(), -1, 0, "tick", p);
                }
            }
            try (CaptureReader r = CaptureReader.open(file)) {
                for (byte[] p : payloads) {
                    Event e = r.next();
                    assertThat(e.blockType()).isEqualTo(BlockType.EVENT_V2_LARGE);
                    assertThat(e.asPluginEvent().payload()).isEqualTo(p);
                    assertThat(e.asPluginEvent().pluginId()).isEqualTo(9001);
                    Event a = r.next();
                    assertThat(a.asAsyncEvent().name()).isEqualTo("tick");
                    assertThat(a.asAsyncEvent().data()).isEqualTo(p);
                }
                assertThat(r.next()).isNull();
            }
        }
    }

    @Test
    void readsTheSameEventsFromAStream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.scap");
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withCompression(Compression.GZIP))) {
            for (int i = 0; i < 1000; i++) {
                w.writePluginEvent(i, -1, 7, new byte[] {(byte) i});
            }
        }
        try (CaptureReader r = CaptureReader.open(dev.scapula.capture.io.CaptureInput.fromStream("-",
                new ByteArrayInputStream(Files.readAllBytes(file))))) {
            long n = 0;
            for (Event e = r.next(); e != null; e = r.next()) {
                assertThat(e.timestamp()).isEqualTo(n);
                assertThat(e.paramBytes(1)).containsExactly((byte) n);
                n++;
            }
            assertThat(n).isEqualTo(1000);
        }
    }

    @Test
    void writesEachBlockVariantLibscapsDumperUses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v.scap");
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain())) {
            w.writeEvent(new RawEvent(0, 1, 10, SYSCALL_TYPE_OPEN_E, 1, 0, new byte[][] {{1, 2}, {3}}));
            w.writeEvent(new RawEvent(0, 2, 10, SYSCALL_TYPE_OPEN_E, 1, 1, new byte[][] {{1, 2}, {3}}));
            w.writeEvent(new RawEvent(0, 3, -1, 322, 0, 0, new byte[][] {{1, 0, 0, 0}, {9}}));
            w.writeEvent(new RawEvent(0, 4, -1, 322, 0, 1, new byte[][] {{1, 0, 0, 0}, {9}}));
        }
        try (CaptureReader r = CaptureReader.open(file)) {
            int[] expected = {BlockType.EVENT_V2, BlockType.EVENT_FLAGS_V2, BlockType.EVENT_V2_LARGE,
                BlockType.EVENT_FLAGS_V2_LARGE};
            for (int blockType : expected) {
                Event e = r.next();
                assertThat(e.blockType()).isEqualTo(blockType);
                assertThat(e.flags()).isEqualTo(BlockType.hasEventFlags(blockType) ? 1 : 0);
            }
        }
    }

    private static RawEvent randomEvent(SplittableRandom random, int i) {
        int kind = random.nextInt(4);
        int flags = random.nextInt(4) == 0 ? 1 : 0;
        long ts = random.nextLong();
        long tid = random.nextBoolean() ? -1 : random.nextLong();
        switch (kind) {
            case 0: {
                byte[] payload = bytes(random, random.nextInt(3) == 0 ? random.nextInt(200_000) : random.nextInt(300));
                return new RawEvent(i + 1, ts, tid, 322, 0, flags, new byte[][] {le32(random.nextInt()), payload});
            }
            case 1: {
                byte[] name = (random.nextBoolean() ? "tick\0" : "state_entry\0").getBytes();
                return new RawEvent(i + 1, ts, tid, 402, 0, flags,
                        new byte[][] {le32(random.nextInt()), name, bytes(random, random.nextInt(500))});
            }
            default: {
                int n = random.nextInt(6);
                byte[][] params = new byte[n][];
                for (int p = 0; p < n; p++) {
                    params[p] = bytes(random, random.nextInt(2000));
                }
                return new RawEvent(i + 1, ts, tid, SYSCALL_TYPE_OPEN_E, random.nextInt(1 << 16), flags, params);
            }
        }
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static void assertSame(RawEvent actual, RawEvent expected) {
        assertThat(actual.number()).isEqualTo(expected.number());
        assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
        assertThat(actual.threadId()).isEqualTo(expected.threadId());
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.cpuId()).isEqualTo(expected.cpuId());
        assertThat(actual.flags()).isEqualTo(expected.flags());
        assertThat(actual.params()).isDeepEqualTo(expected.params());
    }
}

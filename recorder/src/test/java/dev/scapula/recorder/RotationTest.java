package dev.scapula.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.Compression;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rotated recordings of the real counter plugin: every file starts with the manifest and replays alone. */
class RotationTest {
    /** 2023-11-14 22:13:20 UTC, the counter's default first timestamp, in seconds. */
    private static final long START_SECOND = 1_700_000_000L;
    private final Recorder recorder = new Recorder(Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC),
            "test");

    @TempDir
    Path dir;

    private RecordSummary record(String openParams, Path out, Rotation rotation, List<RecordingPlan.Companion> with,
            Compression compression) throws Exception {
        return recorder.record(new RecordingPlan(SamplePlugins.path("counter"), "", openParams, out, compression, 0, 0,
                with).withRotation(rotation).withOverwrite(false), new AtomicBoolean(), s -> { });
    }

    /** What one file holds: the manifest's open params, the async event names in order, and the counter sequence numbers. */
    private record FileContent(String openParams, List<String> async, List<Long> seqs, List<long[]> states) {
    }

    private static FileContent read(Path file) throws IOException {
        List<String> async = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        List<long[]> states = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            String params = r.manifest().orElseThrow().plugins().get(0).openParams();
            for (Event e = r.next(); e != null; e = r.next()) {
                if (e.isPluginEvent()) {
                    seqs.add(ByteBuffer.wrap(e.asPluginEvent().payload()).order(ByteOrder.LITTLE_ENDIAN).getLong());
                } else {
                    var a = e.asAsyncEvent();
                    async.add(a.name());
                    if (a.name().equals("counter_state")) {
                        ByteBuffer b = ByteBuffer.wrap(a.data()).order(ByteOrder.LITTLE_ENDIAN);
                        states.add(new long[] {b.getLong(), b.getLong(), b.getLong()});
                    }
                }
            }
            return new FileContent(params, async, seqs, states);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eventRotationPutsExactlyNEventsInEachFileNamedWithTheIndex(Compression compression) throws Exception {
        Path base = dir.resolve("c.scap");
        RecordSummary s = record("count=3500;size=16;batch=64", base, new Rotation(0, 0, 1000, 0), List.of(),
                compression);
        assertThat(s.files()).containsExactly(base + "0", base + "1", base + "2", base + "3");
        assertThat(s.line()).contains("to 4 files (" + base + "0 ... " + base + "3)");
        long next = 0;
        for (int i = 0; i < 4; i++) {
            FileContent f = read(Path.of(base + "" + i));
            assertThat(f.openParams()).isEqualTo("count=3500;size=16;batch=64");
            assertThat(f.seqs()).hasSize(i < 3 ? 1000 : 500);
            for (long seq : f.seqs()) {
                assertThat(seq).isEqualTo(next++);
            }
        }
        assertThat(Files.exists(base)).isFalse();
    }

    @Test
    void everyFileStartsWithTheDumpedStateOfWhatEarlierFilesHeld() throws Exception {
        Path base = dir.resolve("s.scap");
        RecordSummary s = record("count=25000;size=8;batch=100", base, new Rotation(0, 0, 10_000, 0),
                List.of(new RecordingPlan.Companion(SamplePlugins.path("stateful"), "{\"tick_every\": 5000, \"ticks\": 3}")),
                Compression.NONE);
        assertThat(s.files()).hasSize(3);
        long counterEventsBefore = 0;
        long ticksBefore = 0;
        for (String name : s.files()) {
            FileContent f = read(Path.of(name));
            assertThat(f.async()).first().isEqualTo("counter_state");
            assertThat(f.async().subList(1, f.async().size())).allSatisfy(n -> assertThat(n).isEqualTo("counter_tick"));
            long[] state = f.states().get(0);
            // seen (counter events parsed) and ticks (counter_tick events parsed) at the moment the file opened
            assertThat(state[0]).as(name).isEqualTo(counterEventsBefore);
            assertThat(state[2]).as(name).isEqualTo(ticksBefore);
            if (counterEventsBefore > 0) {
                assertThat(state[1]).as("last_seq in " + name).isEqualTo(counterEventsBefore - 1);
            }
            long ticks = f.async().size() - 1;
            // -e counts every recorded event, async ones too, but not the dumped state
            if (!name.equals(s.files().get(2))) {
                assertThat(f.seqs().size() + ticks).as(name).isEqualTo(10_000);
            }
            counterEventsBefore += f.seqs().size();
            ticksBefore += ticks;
        }
        assertThat(counterEventsBefore).isEqualTo(25_000);
        assertThat(ticksBefore).isEqualTo(3);
    }

    @Test
    void sizeRotationClosesAFileOnceItHoldsTheLimitAndTheRingKeepsTheLastFiles() throws Exception {
        Path base = dir.resolve("big.scap");
        // 1,000 events of 4 KiB: about 4.2 MB, so five files of 1 MB under a ring of 2 names.
        RecordSummary s = record("count=1000;size=4096;batch=10", base, new Rotation(1, 0, 0, 2), List.of(),
                Compression.NONE);
        assertThat(s.files()).hasSize(5).containsExactly(base + "0", base + "1", base + "0", base + "1", base + "0");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("big.scap0",
                    "big.scap1");
        }
        long eventBlock = 4096 + 38 + 16;
        FileContent last = read(Path.of(base + "0"));
        FileContent before = read(Path.of(base + "1"));
        assertThat(Files.size(Path.of(base + "1"))).isBetween(1_000_000L, 1_000_000L + eventBlock);
        assertThat(before.seqs().get(before.seqs().size() - 1) + 1).isEqualTo(last.seqs().get(0));
        assertThat(last.seqs().get(last.seqs().size() - 1)).isEqualTo(999);
    }

    @Test
    void timeRotationFollowsEventTimeAndNamesFilesByStrftime() throws Exception {
        // Counter events are 1 us apart: starting 2 ms before a second boundary, 4,500 events span two seconds.
        long start = (START_SECOND + 1) * 1_000_000_000L - 2_000_000L;
        Path pattern = dir.resolve("t-%H%M%S.scap");
        RecordSummary s = record("count=4500;size=8;start=" + start, pattern, new Rotation(0, 1, 0, 0), List.of(),
                Compression.NONE);
        assertThat(s.files()).containsExactly(dir.resolve("t-221320.scap").toString(),
                dir.resolve("t-221321.scap").toString());
        assertThat(read(dir.resolve("t-221320.scap")).seqs()).hasSize(2000).startsWith(0L);
        assertThat(read(dir.resolve("t-221321.scap")).seqs()).hasSize(2500).startsWith(2000L);
    }

    @Test
    void aRingOfTimeNamedFilesDeletesTheOldest() throws Exception {
        long start = (START_SECOND + 1) * 1_000_000_000L - 2_000_000L;
        RecordSummary s = record("count=4500;size=8;start=" + start, dir.resolve("t-%H%M%S.scap"),
                new Rotation(0, 1, 0, 1), List.of(), Compression.NONE);
        assertThat(s.files()).hasSize(2);
        assertThat(Files.exists(dir.resolve("t-221320.scap"))).as("deleted by the ring of 1").isFalse();
        assertThat(read(dir.resolve("t-221321.scap")).seqs()).hasSize(2500);
    }

    @Test
    void anExistingFileIsKeptUnlessOverwriteIsAllowed() throws Exception {
        Path base = dir.resolve("k.scap");
        Files.writeString(Path.of(base + "1"), "precious");
        assertThatThrownBy(() -> record("count=300", base, new Rotation(0, 0, 100, 0), List.of(), Compression.NONE))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("k.scap1")
                .hasMessageContaining("give --force");
        assertThat(Files.readString(Path.of(base + "1"))).isEqualTo("precious");
        assertThat(Path.of(base + "0")).as("refused before recording").doesNotExist();
    }
}

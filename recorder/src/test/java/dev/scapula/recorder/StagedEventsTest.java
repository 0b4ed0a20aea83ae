package dev.scapula.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.PluginEvent;
import dev.scapula.capture.io.Compression;
import dev.scapula.samples.SamplePlugins;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Without parsers or live fields the recorder writes a source's events straight from plugin
 * memory into the file (one native call for many batches); with a parser beside it, every event
 * passes through Java. Both must give the same files, the same stops and the same errors.
 */
class StagedEventsTest {
    private static final long FIXED_SECOND = 1_800_000_000L;
    private static final int LIAR_ID = 9013;
    private final Recorder recorder = new Recorder(Clock.fixed(Instant.ofEpochSecond(FIXED_SECOND), ZoneOffset.UTC),
            "test");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -n {1} -C {2} -G {3} -e {4}")
    @CsvSource(delimiter = '|', value = {
        // one event per batch, as libsinsp's test source
        "count=3000;batch=1                              | 0    | 0 | 0 | 0",
        // large events in large batches: the staging memory fills part-way through a batch
        "count=1500;size=3000;batch=700                  | 0    | 0 | 0 | 0",
        // the event limit inside a batch
        "count=5000;batch=128                            | 4321 | 0 | 0 | 0",
        // rotation by size, by event count, and by event time (event 1000 starts a new second)
        "count=30000;batch=100                           | 0    | 1 | 0 | 0",
        "count=5000;batch=128                            | 0    | 0 | 0 | 777",
        "count=3000;batch=64;start=1700000000999000000   | 0    | 0 | 1 | 0",
    })
    void writesTheSameFilesAsThePerEventPath(String params, long maxEvents, int megabytes, int seconds,
            long eventsPerFile) throws Exception {
        Rotation rotation = new Rotation(megabytes, seconds, eventsPerFile, 0);
        List<Path> staged = record("staged", params, maxEvents, rotation, List.of());
        // A parser sees every event, so this recording takes the per-event path.
        List<Path> perEvent = record("per-event", params, maxEvents, rotation,
                List.of(new RecordingPlan.Companion(SamplePlugins.path("tables"), "")));

        // The manifests differ (one names the parser); the events after them must not, file by file, except
        // that with -C the longer manifest moves the boundaries: there all files together, and the rule.
        assertThat(concat(staged)).isEqualTo(concat(perEvent));
        long events = 0;
        for (int i = 0; i < staged.size(); i++) {
            events += pluginEvents(staged.get(i)).size();
            if (megabytes == 0) {
                assertThat(staged).hasSameSizeAs(perEvent);
                assertThat(afterManifest(staged.get(i))).as(staged.get(i).toString())
                        .isEqualTo(afterManifest(perEvent.get(i)));
            } else if (i < staged.size() - 1) {
                // a file takes events while it is under the size, so the last one took it over
                long size = Files.size(staged.get(i));
                assertThat(size).isGreaterThanOrEqualTo(megabytes * 1_000_000L);
                assertThat(size - lastBlockLength(staged.get(i))).isLessThan(megabytes * 1_000_000L);
            }
        }
        assertThat(events).isEqualTo(maxEvents > 0 ? maxEvents : Long.parseLong(params.split("[=;]")[1]));
    }

    @Test
    void unsetTimestampsGetTheRecordersClock() throws Exception {
        // liar's ten events come without a timestamp, one per batch: the first opens the file, the rest are staged
        Path out = dir.resolve("fine.scap");
        recorder.record(new RecordingPlan(SamplePlugins.path("liar"), "", "fine", out, Compression.NONE, 0, 0),
                new AtomicBoolean(), s -> { });
        List<PluginEvent> events = pluginEvents(out);
        assertThat(events).hasSize(10).allSatisfy(e -> {
            assertThat(e.timestamp()).isEqualTo(FIXED_SECOND * 1_000_000_000L);
            assertThat(e.threadId()).isEqualTo(-1);
            assertThat(e.pluginId()).isEqualTo(LIAR_ID);
            assertThat(new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("fine");
        });
    }

    @Test
    void withTheSystemClockUnsetTimestampsAreNanosecondsSinceTheEpochWhenRecorded() throws Exception {
        Path out = dir.resolve("now.scap");
        long before = nanos(Instant.now());
        new Recorder(Clock.systemUTC(), "test").record(new RecordingPlan(SamplePlugins.path("liar"), "", "fine", out,
                Compression.NONE, 0, 0), new AtomicBoolean(), s -> { });
        long after = nanos(Instant.now());
        List<PluginEvent> events = pluginEvents(out);
        assertThat(events).hasSize(10).allSatisfy(e -> assertThat(e.timestamp()).isBetween(before, after));
        assertThat(events).extracting(PluginEvent::timestamp).isSorted();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "late_wrong_id   | liar: unexpected plugin ID in plugin event 6: 4242 (the plugin's ID is 9013)",
        "late_null_event | liar: plugin_next_batch event 0 of 1 is NULL",
        "late_huge_count | liar: plugin_next_batch returned 1073741824 events, more than a batch can hold (at most 1048576)",
        "late_bad_length | liar: malformed plugin event 6 from plugin_next_batch: expected type 322, 2 parameters, "
                + "lengths 4 and len-38; found type 322, len 153, nparams 2",
    })
    void aBadEventAfterTheFileIsOpenEndsItWithThePerEventPathsErrorAndKeepsTheEventsBefore(String mode,
            String message) throws Exception {
        Path out = dir.resolve(mode + ".scap");
        assertThatThrownBy(() -> recorder.record(new RecordingPlan(SamplePlugins.path("liar"), "", mode, out,
                Compression.NONE, 0, 0), new AtomicBoolean(), s -> { }))
                .isInstanceOf(RecordingFailedException.class)
                .hasMessageStartingWith(message + "; ")
                .satisfies(e -> assertThat(((RecordingFailedException) e).kept())
                        .containsExactly(new KeptFile(out.toString(), 5, true)));
        assertThat(pluginEvents(out)).hasSize(5);
    }

    private List<Path> record(String name, String params, long maxEvents, Rotation rotation,
            List<RecordingPlan.Companion> companions) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        RecordSummary s = recorder.record(new RecordingPlan(SamplePlugins.path("counter"), "", params,
                sub.resolve(name + ".scap"), Compression.NONE, maxEvents, 0, companions).withRotation(rotation),
                new AtomicBoolean(), n -> { });
        List<Path> files = new ArrayList<>();
        for (String f : s.files()) {
            files.add(Path.of(f));
        }
        return files;
    }

    /** The file's bytes after its third block, the manifest (section header and machine info come first). */
    private static byte[] afterManifest(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        for (int block = 0; block < 3; block++) {
            at += b.getInt(at + 4);
        }
        return Arrays.copyOfRange(all, at, all.length);
    }

    private static byte[] concat(List<Path> files) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Path f : files) {
            all.write(afterManifest(f));
        }
        return all.toByteArray();
    }

    /** The length of the file's last block, from its trailer. */
    private static int lastBlockLength(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getInt(all.length - 4);
    }

    private static List<PluginEvent> pluginEvents(Path file) throws Exception {
        List<PluginEvent> events = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                events.add(e.asPluginEvent());
            }
        }
        return events;
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}

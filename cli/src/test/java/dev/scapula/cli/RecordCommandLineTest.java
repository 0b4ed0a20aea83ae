package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** record's promises in docs/commands.md, run from the command line: Ctrl-C, -C with -z, -M, --drop-async. */
class RecordCommandLineTest {
    /** A counter event of 64 payload bytes: block header 8, 2, event header 26, parameter lengths 8, id 4, trailer 4. */
    private static final int EVENT_BLOCK = 8 + 2 + 26 + 8 + 4 + 64 + 4;

    @TempDir
    Path dir;

    /** What a capture holds: the counter's sequence numbers and the stateful sample's tick numbers, in order. */
    private record Content(List<Long> seqs, List<Long> ticks) {
    }

    private static Content read(Path file) throws IOException {
        List<Long> seqs = new ArrayList<>();
        List<Long> ticks = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                if (e.isPluginEvent()) {
                    seqs.add(ByteBuffer.wrap(e.asPluginEvent().payload()).order(ByteOrder.LITTLE_ENDIAN).getLong());
                } else if (e.asAsyncEvent().name().equals("counter_tick")) {
                    ticks.add(ByteBuffer.wrap(e.asAsyncEvent().data()).order(ByteOrder.LITTLE_ENDIAN).getLong());
                }
            }
        }
        return new Content(seqs, ticks);
    }

    private static void assertCountsFrom(List<Long> seqs, long first) {
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("event %d", i + 1).isEqualTo(first + i);
        }
    }

    /** The number in the summary's "recorded N events". */
    private static long recorded(String stderr) {
        Matcher m = Pattern.compile("recorded ([\\d,]+) events").matcher(stderr);
        assertThat(m.find()).as(stderr).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /**
     * Ctrl-C is SIGINT to the recorder: it stops cleanly, prints the summary and exits with the
     * shell's code for the signal, 130. {@code env --default-signal=INT} undoes an ignored SIGINT
     * inherited from a build started in the background, which the JVM would otherwise keep.
     */
    @Test
    void ctrlCStopsCleanlyWithExitCode130AndACompleteFile() throws Exception {
        Path out = dir.resolve("int.scap");
        ScapulaProcess child = ScapulaProcess.start(dir, List.of("env", "--default-signal=INT"), "record", "-I",
                "counter:count=1000000000;size=8;batch=1", "-w", out.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!Files.exists(out) || Files.size(out) == 0) && child.process().isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(child.process().isAlive()).as(child.stderr()).isTrue();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.process().pid())).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
        CommandRun run = child.waitFor();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(130);
        assertThat(run.err()).contains("stopped: interrupted");
        Content back = read(out);
        assertThat(back.seqs()).hasSize((int) recorded(run.err()));
        assertCountsFrom(back.seqs(), 0);
    }

    /**
     * -C counts uncompressed capture bytes, with -z too (docs/commands.md, record; sysdig counts what
     * zlib wrote): each closed file decompresses to at least 10^6 bytes and less than one event more,
     * while its gzip file is far smaller. 30,000 events of 116 bytes make three full files and a fourth.
     */
    @Test
    void fileSizeWithGzipCountsUncompressedBytes() throws Exception {
        String base = dir.resolve("cz.scap").toString();
        CommandRun run = CommandRun.of("record", "-I", "counter:count=30000;size=64", "-C", "1", "-z", "-w", base);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("to 4 files (" + base + "0 ... " + base + "3)");
        assertThat(Path.of(base + "4")).doesNotExist();
        long next = 0;
        for (int i = 0; i < 4; i++) {
            Path file = Path.of(base + i);
            long uncompressed;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                uncompressed = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (i < 3) {
                assertThat(uncompressed).as(file + " uncompressed").isGreaterThanOrEqualTo(1_000_000L)
                        .isLessThan(1_000_000L + EVENT_BLOCK);
                assertThat(Files.size(file)).as(file + " as stored").isLessThan(1_000_000L);
            } else {
                assertThat(uncompressed).isLessThan(1_000_000L);
            }
            // each file reads alone, and together they hold every event once, in order
            Content c = read(file);
            assertCountsFrom(c.seqs(), next);
            next += c.seqs().size();
        }
        assertThat(next).isEqualTo(30_000);
    }

    /** -M ends the recording by its time limit, with a complete file holding what the summary counts. */
    @Test
    void maxSecondsStopsARecordingThatWouldRunForHours() throws Exception {
        Path out = dir.resolve("m.scap");
        CommandRun run = CommandRun.of("record", "-I", "counter:count=1000000000;size=8;batch=1", "-M", "1", "-w",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("stopped: time limit");
        Content back = read(out);
        assertThat(back.seqs()).hasSize((int) recorded(run.err())).isNotEmpty();
        assertCountsFrom(back.seqs(), 0);
    }

    /**
     * --drop-async: the stateful sample floods ticks (numbered from 1) while the counter records in
     * large batches. Whether the queue fills depends on scheduling, so this checks the accounting
     * the flag promises: every counter event is kept, ticks stay in order, the summary counts the
     * ticks in the file, and every tick missing from the file is counted as lost.
     */
    @Test
    void dropAsyncCountsEveryTickMissingFromTheFile() throws Exception {
        Path out = dir.resolve("drop.scap");
        CommandRun run = CommandRun.of("record", "-I", "counter:count=100000;size=64;batch=65536", "-H",
                "stateful:{\"tick_us\": 0, \"ticks\": 1000000000000}", "--drop-async", "-z", "-w", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("recorded 100,000 events and ([\\d,]+) async events \\(([\\d,]+) lost\\)")
                .matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        long async = Long.parseLong(m.group(1).replace(",", ""));
        long lost = Long.parseLong(m.group(2).replace(",", ""));
        Content back = read(out);
        assertThat(back.seqs()).hasSize(100_000);
        assertCountsFrom(back.seqs(), 0);
        assertThat(back.ticks()).hasSize((int) async);
        long missing = 0;
        long previous = 0;
        for (long tick : back.ticks()) {
            assertThat(tick).isGreaterThan(previous);
            missing += tick - previous - 1;
            previous = tick;
        }
        // ticks dropped after the last one written leave no gap, so the count may be higher
        assertThat(lost).isGreaterThanOrEqualTo(missing);
    }
}

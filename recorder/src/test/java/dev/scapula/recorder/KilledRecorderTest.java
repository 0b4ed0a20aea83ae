package dev.scapula.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.TruncatedCaptureException;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.interop.ExternalTool;
import dev.scapula.capture.io.Compression;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kill -9} of a recorder leaves a file readable up to its last flush: a real recorder in
 * a child JVM records the counter plugin slowly and is killed after several flush intervals.
 */
class KilledRecorderTest {
    private static final long FLUSH_MS = 200;

    @TempDir
    Path dir;

    /** How far a reader gets: complete events with their sequence numbers, and why it stopped. */
    private record ReadBack(List<Long> seqs, CaptureException stoppedBy) {
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aKilledRecorderLeavesEveryFlushedEventReadable(Compression compression) throws Exception {
        Path out = dir.resolve("killed.scap");
        Process child = startRecorder(out, compression);
        long flushed;
        try {
            // wait for a first flush
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((!Files.exists(out) || Files.size(out) == 0) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the recorder runs until killed").isTrue();
            // events 1..delivered were staged when the child said so; a flush after that puts them
            // on disk, and we see it happen by reading the growing file (the deadline only stops a hang)
            long delivered = 0;
            while (delivered == 0 && System.nanoTime() < deadline && child.isAlive()) {
                delivered = lastDelivered();
                Thread.sleep(20);
            }
            assertThat(delivered).as("the recorder reported delivered events").isPositive();
            while (readBack(out).seqs().size() < delivered && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            flushed = readBack(out).seqs().size();
            assertThat(flushed).as("events on disk after a later flush").isGreaterThanOrEqualTo(delivered);
            // let a few more flushes happen before the kill
            Thread.sleep(4 * FLUSH_MS);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        ReadBack back = readBack(out);
        assertThat((long) back.seqs().size()).as("complete events after kill -9: at least those seen flushed")
                .isGreaterThanOrEqualTo(flushed);
        for (int i = 0; i < back.seqs().size(); i++) {
            assertThat(back.seqs().get(i)).isEqualTo(i);
        }
        if (compression != Compression.ZSTD) {
            // plain and gzip end in a cut block at worst; zstd reports its unfinished frame as corrupt
            assertThat(back.stoppedBy()).isNull();
        }
        if (compression == Compression.NONE || compression == Compression.GZIP) {
            ExternalTool.require("sysdig");
            // sysdig prints what it read before the cut (gzip: then "unexpected end of file")
            assertThat(sysdigEventLines(out)).isEqualTo(back.seqs().size());
        }
    }

    private Process startRecorder(Path out, Compression compression) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SlowRecording.class.getName());
        command.add(out.toString());
        command.add(compression.name());
        command.add(Long.toString(FLUSH_MS));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("recorder.log").toFile()).start();
    }

    /** The last complete "delivered N" line the child printed, or 0. */
    private long lastDelivered() throws Exception {
        String log = Files.readString(dir.resolve("recorder.log"));
        long last = 0;
        for (String line : log.substring(0, log.lastIndexOf('\n') + 1).lines().toList()) {
            if (line.startsWith("delivered ")) {
                last = Long.parseLong(line.substring("delivered ".length()));
            }
        }
        return last;
    }

    private static ReadBack readBack(Path file) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                seqs.add(ByteBuffer.wrap(e.asPluginEvent().payload()).order(ByteOrder.LITTLE_ENDIAN).getLong());
            }
            return new ReadBack(seqs, null);
        } catch (TruncatedCaptureException cut) {
            assertThat(cut.completeEvents()).isEqualTo(seqs.size());
            return new ReadBack(seqs, null);
        } catch (CaptureException damaged) {
            return new ReadBack(seqs, damaged);
        }
    }

    /** sysdig reads a cut file up to the cut (and may then complain); we count the event lines it printed. */
    private static long sysdigEventLines(Path file) throws Exception {
        Process p = new ProcessBuilder("sysdig", "-r", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().filter(l -> l.matches("\\d+ \\d{4}-.*")).count();
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return lines;
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.Prerequisite;
import dev.scapula.capture.event.Event;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults while recording, each through the real command line in a child process: the disk full,
 * the file size limit, the output directory gone, permission denied, the plugin failing
 * mid-stream. Each ends with exit code 2, a message that names the fault, the file and the events
 * that are safe, and every complete event before the fault readable, in order, in files nothing
 * touched again.
 */
class RecordFaultsTest {
    /** "Safe on disk: 1,234 events in ..." from the failure message. */
    private static final Pattern SAFE = Pattern.compile("Safe on disk: ([\\d,]+) events in");

    @TempDir
    Path dir;

    /** What a reader gets from a capture of counter events: the sequence numbers, and the damage text if any. */
    private record ReadBack(List<Long> seqs, String damage) {
    }

    private static ReadBack read(Path file) throws IOException {
        List<Long> seqs = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                seqs.add(ByteBuffer.wrap(e.asPluginEvent().payload()).order(ByteOrder.LITTLE_ENDIAN).getLong());
            }
            return new ReadBack(seqs, null);
        } catch (IOException cut) {
            return new ReadBack(seqs, cut.getMessage());
        }
    }

    /** The files of a recording in recording order (by first sequence number), read back. */
    private static List<ReadBack> readAll(List<Path> files) throws IOException {
        List<ReadBack> all = new ArrayList<>();
        for (Path f : files) {
            all.add(read(f));
        }
        all.removeIf(r -> r.seqs().isEmpty() && r.damage() == null);
        all.sort(Comparator.comparingLong(r -> r.seqs().isEmpty() ? Long.MAX_VALUE : r.seqs().get(0)));
        return all;
    }

    private static List<Path> list(Path where, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(where)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** Asserts the files hold sequence numbers 0, 1, 2, ... without a gap; returns how many. */
    private static long assertContiguousFromZero(List<ReadBack> files) {
        long next = 0;
        for (ReadBack f : files) {
            for (long seq : f.seqs()) {
                assertThat(seq).isEqualTo(next++);
            }
        }
        return next;
    }

    private static long safeEvents(String err) {
        Matcher m = SAFE.matcher(err);
        assertThat(m.find()).as("the message says how many events are safe: " + err).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "-z", "--zstd"})
    void theFileSizeLimitEndsWithEveryCompleteEventReadableAndSaysSo(String compression) throws Exception {
        Prerequisite.requireTool("prlimit"); // util-linux: sets the file size limit
        Path out = dir.resolve("big.scap");
        List<String> args = new ArrayList<>(List.of("record", "-I", "counter:count=2000000;size=64", "-w",
                out.toString()));
        if (!compression.equals("plain")) {
            args.add(compression);
        }
        // RLIMIT_FSIZE: writes past 1 MB fail with EFBIG (the JVM ignores SIGXFSZ), unprivileged; 2 million
        // events pass 1 MB compressed too.
        CommandRun run = ScapulaProcess.run(dir, List.of("prlimit", "--fsize=1000000", "--"),
                args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("the file size limit was reached", "File too large", out.toString(),
                "at byte 1,000,000", "up to its last complete event");
        ReadBack back = read(out);
        assertThat(back.damage()).as("the cut at the limit ends the file").isNotNull();
        assertThat(back.seqs()).hasSizeGreaterThan(8000);
        assertThat(assertContiguousFromZero(List.of(back))).isEqualTo(safeEvents(run.err()));
    }

    @Test
    void aFullDiskEndsTheRotatedRecordingAndLeavesTheEarlierFilesWhole() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes()).trim();
        Prerequisite.require(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "a 256 KiB tmpfs mount, which needs root (CAP_SYS_ADMIN) (mount said: " + said + "); the file size "
                        + "limit test covers the unprivileged case");
        try {
            Path out = disk.resolve("r.scap");
            // Files of 500 events (about 60 KB): the fifth file or so meets the full disk.
            CommandRun run = ScapulaProcess.run(dir, List.of(), "record", "-I", "counter:count=100000;size=64", "-e",
                    "500", "-w", out.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("the disk is full", "No space left on device", "complete)");
            List<Path> files = list(disk, "r.scap");
            List<ReadBack> back = readAll(files);
            assertThat(back.size()).isGreaterThan(2);
            for (ReadBack closed : back.subList(0, back.size() - 1)) {
                assertThat(closed.damage()).as("a file closed before the fault").isNull();
                assertThat(closed.seqs()).hasSize(500);
            }
            assertThat(assertContiguousFromZero(back)).isEqualTo(safeEvents(run.err()));
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOutputDirectoryMovedAwayEndsAtTheNextRotationWithEveryFileIntact() throws Exception {
        Path where = Files.createDirectory(dir.resolve("out"));
        Path out = where.resolve("ring.scap");
        ScapulaProcess child = ScapulaProcess.start(dir, List.of(), "record", "-I",
                "counter:count=1000000000;size=8", "-e", "100000", "-W", "3", "-w", out.toString());
        Path moved = dir.resolve("out.moved");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(where.resolve("ring.scap1")) && child.process().isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(child.process().isAlive()).as(child.stderr()).isTrue();
            Files.move(where, moved);
        } finally {
            if (child.process().isAlive() && !Files.exists(moved)) {
                child.process().destroyForcibly();
            }
        }
        CommandRun run = child.waitFor();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("the directory " + where + " no longer exists", "cannot be created");
        List<ReadBack> back = readAll(list(moved, "ring.scap"));
        assertThat(back).isNotEmpty().allSatisfy(f -> assertThat(f.damage()).isNull());
        // Each file of the ring holds the 100,000 events that follow the one before it.
        for (ReadBack f : back) {
            assertThat(f.seqs()).hasSize(100_000);
            for (int i = 1; i < f.seqs().size(); i++) {
                assertThat(f.seqs().get(i)).isEqualTo(f.seqs().get(0) + i);
            }
        }
        for (int i = 1; i < back.size(); i++) {
            assertThat(back.get(i).seqs().get(0)).isEqualTo(back.get(i - 1).seqs().get(0) + 100_000);
        }
    }

    @Test
    void permissionDeniedAtRotationNamesTheFileAndKeepsTheFirst() throws Exception {
        Prerequisite.requireRoot("to run the recorder as nobody");
        Prerequisite.requireTool("setpriv"); // util-linux
        // nobody may write the first file (its own, given --force) but not create the second in root's directory.
        Path jars = Files.createDirectory(dir.resolve("classpath"));
        String classpath = readableCopy(System.getProperty("java.class.path"), jars);
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path where = Files.createDirectory(dir.resolve("root-only"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(where, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path first = Files.createFile(where.resolve("p.scap0"));
        new ProcessBuilder("chown", "65534:65534", first.toString()).start().waitFor(30, TimeUnit.SECONDS);
        CommandRun run = ScapulaProcess.startWithClasspath(tmp, List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--"), classpath, "record", "--force", "-I", "counter:count=5000;size=16", "-e",
                "1000", "-w", where.resolve("p.scap").toString()).waitFor();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("permission denied", where.resolve("p.scap1").toString(),
                "Safe on disk: 1,000 events in 1 file: " + first + " (1,000 events, complete)");
        ReadBack back = read(first);
        assertThat(back.damage()).isNull();
        assertThat(assertContiguousFromZero(List.of(back))).isEqualTo(1000);
        assertThat(Files.exists(where.resolve("p.scap1"))).isFalse();
    }

    @Test
    void aPluginFailingMidStreamKeepsEveryEventBeforeAndReportsItsOwnError() throws Exception {
        Path out = dir.resolve("f.scap");
        CommandRun run = ScapulaProcess.run(dir, List.of(), "record", "-I",
                "counter:count=100000;size=16;batch=100;fail_at=25050", "-e", "10000", "-w", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("counter: plugin_next_batch returned SS_PLUGIN_FAILURE",
                "data source lost after 25050 events (fail_at=25050)", "the recording stopped after 25,050 source events",
                "Safe on disk: 25,050 events in 3 files", out + "2 (5,050 events, complete)");
        List<ReadBack> back = readAll(List.of(Path.of(out + "0"), Path.of(out + "1"), Path.of(out + "2")));
        assertThat(back).allSatisfy(f -> assertThat(f.damage()).isNull());
        assertThat(assertContiguousFromZero(back)).isEqualTo(25_050);
    }

    /**
     * A child recording into a ring of 5 files with a new file every 1,000 events, a few hundred
     * rotations a second, so a signal lands amid them; returned once it has rotated.
     */
    private ScapulaProcess startRotating(Path out) throws Exception {
        ScapulaProcess child = ScapulaProcess.start(dir, List.of(), "record", "-I", "counter:count=1000000000;size=8",
                "-e", "1000", "-W", "5", "-w", out.toString());
        awaitRotations(child, out);
        return child;
    }

    @Test
    void sigtermDuringFastRotationClosesEveryFileWhole() throws Exception {
        Path out = dir.resolve("t.scap");
        ScapulaProcess child = startRotating(out);
        child.process().destroy();
        CommandRun run = child.waitFor();
        // The JVM's code for a SIGTERM it shut down on (128 + 15), after the recording closed its files.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(143);
        Matcher m = Pattern.compile("recorded ([\\d,]+) events").matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        assertThat(run.err()).contains("stopped: interrupted");
        long recorded = Long.parseLong(m.group(1).replace(",", ""));
        List<ReadBack> back = readAll(list(dir, "t.scap"));
        assertThat(back).hasSize(5).allSatisfy(f -> assertThat(f.damage()).isNull());
        long last = back.get(0).seqs().get(0) - 1;
        for (ReadBack f : back) {
            assertThat(f.seqs()).hasSizeLessThanOrEqualTo(1000);
            assertThat(f.seqs().get(0)).isEqualTo(last + 1);
            for (int i = 1; i < f.seqs().size(); i++) {
                assertThat(f.seqs().get(i)).isEqualTo(f.seqs().get(0) + i);
            }
            last = f.seqs().get(f.seqs().size() - 1);
        }
        assertThat(last + 1).as("the last event recorded is in the last file").isEqualTo(recorded);
    }

    @Test
    void killDuringFastRotationLeavesClosedFilesWholeAndTheLastReadableToItsCut() throws Exception {
        Path out = dir.resolve("k.scap");
        ScapulaProcess child = startRotating(out);
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<ReadBack> back = readAll(list(dir, "k.scap"));
        assertThat(back).isNotEmpty();
        for (ReadBack closed : back.subList(0, back.size() - 1)) {
            assertThat(closed.damage()).as("a file closed before the kill").isNull();
            assertThat(closed.seqs()).hasSize(1000);
        }
        long first = back.get(0).seqs().get(0);
        long next = first;
        for (ReadBack f : back) {
            for (long seq : f.seqs()) {
                assertThat(seq).isEqualTo(next++);
            }
        }
    }

    /** Waits until the ring went round once (all five names exist), with the child still recording. */
    private static void awaitRotations(ScapulaProcess child, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(Path.of(out + "4")) && child.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(child.process().isAlive()).as(child.stderr()).isTrue();
        Thread.sleep(300);
    }

    /**
     * The classpath with every jar copied into {@code into} and made readable by all: the local
     * Maven repository sits in root's home, which another user cannot enter.
     */
    private static String readableCopy(String classpath, Path into) throws IOException {
        Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p)) {
                Path copy = into.resolve((i++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}

package dev.scapula.recorder;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.expect.ExpectFile;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The file (or ring of files) a recording writes, as sysdig's cycle dumper does: a file is
 * opened when the first event arrives, and a new one when {@link Rotation} says so; every file
 * starts with the preamble and the manifest, then whatever {@link FileStart} writes (the dumped
 * plugin state), so each file replays alone. A daemon thread flushes complete blocks to the
 * operating system every {@code flushNanos}, so a killed recorder leaves a readable file.
 *
 * <p>The writer is not thread-safe: the recording thread holds the lock while it writes (taken
 * by {@link #writerFor} and given back by {@link #release}), the flusher takes it to flush.
 */
final class OutputFiles implements AutoCloseable {
    private final Rotation rotation;
    private final FileNames names;
    private final CaptureOptions options;
    private final boolean overwrite;
    private final FileStart onStart;
    private final LongSupplier wallClockNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> ours = new HashSet<>();
    private final List<String> written = new ArrayList<>();
    /** Files closed whole and still on disk (a ring deletes and reuses names), with their events, in order. */
    private final Map<String, Long> closedFiles = new LinkedHashMap<>();
    /** The file created last: the one being written, or the one whose closing failed. */
    private String lastStarted;
    private final Thread flusher;
    private CaptureWriter writer;
    private long eventsInFile;
    private long firstSecond;
    private long bytesOfClosedFiles;
    private long flushedPosition;
    private IOException flushFailure;
    private volatile boolean closed;

    /** Writes what belongs at the start of every file, after the manifest. */
    @FunctionalInterface
    interface FileStart {
        void started(CaptureWriter writer) throws PluginException, IOException;
    }

    OutputFiles(Path base, Rotation rotation, ZoneId zone, CaptureOptions options, boolean overwrite, long flushNanos,
            FileStart onStart, LongSupplier wallClockNanos) {
        this.rotation = rotation;
        this.names = new FileNames(base.toString(), rotation, zone);
        this.options = options;
        this.overwrite = overwrite;
        this.onStart = onStart;
        this.wallClockNanos = wallClockNanos;
        if (flushNanos > 0) {
            flusher = new Thread(() -> flushEvery(flushNanos), "scapula-record-flush");
            flusher.setDaemon(true);
            flusher.start();
        } else {
            flusher = null;
        }
    }

    /**
     * The writer for an event with this timestamp (nanoseconds since the epoch), after starting
     * a new file if the event is the first or the rotation asks for one; the caller holds the
     * lock from here until {@link #release}.
     */
    CaptureWriter writerFor(long timestamp) throws PluginException, IOException {
        if (!lock.isHeldByCurrentThread()) {
            lock.lock();
        }
        if (closed) {
            throw new IllegalStateException("the recording's files are closed");
        }
        if (flushFailure != null) {
            throw flushFailure;
        }
        long second = Long.divideUnsigned(timestamp, 1_000_000_000L);
        if (writer == null) {
            firstSecond = second;
            start(second);
        } else if (rotation.seconds() > 0 && second - firstSecond >= rotation.seconds()) {
            firstSecond = second;
            start(second);
        } else if (rotation.megabytes() > 0 && writer.position() >= rotation.bytesPerFile()) {
            start(second);
        } else if (rotation.eventsPerFile() > 0 && eventsInFile >= rotation.eventsPerFile()) {
            start(second);
        }
        eventsInFile++;
        return writer;
    }

    /**
     * The open file's writer, for event blocks written natively, with the lock held as
     * {@link #writerFor} holds it; null before the first file, whose name needs the first event
     * (that one goes through {@link #writerFor}). The caller keeps to {@link #eventsLeftInFile},
     * {@link #bytesLeftInFile} and {@link #rotationTimestamp}, then reports with {@link #counted}.
     */
    CaptureWriter openWriter() throws IOException {
        if (!lock.isHeldByCurrentThread()) {
            lock.lock();
        }
        if (closed) {
            throw new IllegalStateException("the recording's files are closed");
        }
        if (flushFailure != null) {
            throw flushFailure;
        }
        return writer;
    }

    /** Events the open file takes before -e starts a new one (Long.MAX_VALUE without -e). */
    long eventsLeftInFile() {
        return rotation.eventsPerFile() > 0 ? rotation.eventsPerFile() - eventsInFile : Long.MAX_VALUE;
    }

    /** Bytes the open file takes before an event finds it full (-C): Long.MAX_VALUE without -C. */
    long bytesLeftInFile() {
        return rotation.megabytes() > 0 ? rotation.bytesPerFile() - writer.position() : Long.MAX_VALUE;
    }

    /**
     * The first timestamp (unsigned nanoseconds) whose event starts a new file under -G, as
     * {@link #writerFor} decides it; -1 (UINT64_MAX, which no stamped event has) without -G.
     */
    long rotationTimestamp() {
        if (rotation.seconds() <= 0) {
            return -1L;
        }
        long second = firstSecond + rotation.seconds();
        return Long.compareUnsigned(second, Long.divideUnsigned(-1L, 1_000_000_000L)) > 0 ? -1L
                : second * 1_000_000_000L;
    }

    /** Counts events written natively to the open file. */
    void counted(long events) {
        eventsInFile += events;
    }

    /** Lets the flusher in again; the recording thread calls it after every batch. */
    void release() {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    private void start(long epochSecond) throws PluginException, IOException {
        FileNames.Next next = names.next(epochSecond);
        Path path = Path.of(next.name());
        closeCurrent();
        if (next.delete().isPresent()) {
            closedFiles.remove(next.delete().get());
            Files.deleteIfExists(Path.of(next.delete().get()));
            // Its live values too: verify would compare them with whatever takes the name later.
            Files.deleteIfExists(ExpectFile.of(Path.of(next.delete().get())));
        }
        // Without overwrite, creating the file refuses an existing one in the same step (no race with
        // another recording); a name this recording wrote before is its own ring slot, reused.
        boolean replace = overwrite || ours.contains(next.name());
        Path sidecar = ExpectFile.of(path);
        if (replace) {
            // A sidecar left by an earlier recording of this name belongs to other events (a link is
            // removed itself, never followed).
            Files.deleteIfExists(sidecar);
        } else if (Files.exists(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(sidecar.toString());
        }
        writer = replace ? CaptureWriter.create(path, options) : CaptureWriter.createNew(path, options);
        lastStarted = next.name();
        closedFiles.remove(next.name());
        ours.add(next.name());
        written.add(next.name());
        eventsInFile = 0;
        flushedPosition = 0;
        onStart.started(writer);
    }

    /** Closes the current file exactly once, even if closing fails. */
    private void closeCurrent() throws IOException {
        CaptureWriter w = writer;
        writer = null;
        if (w != null) {
            bytesOfClosedFiles += w.position();
            w.close();
            if (!w.failed()) {
                closedFiles.put(w.name(), w.eventsWritten());
            }
        }
    }

    /**
     * After a fault, once closed: the files this recording leaves, in order, with the events a
     * reader gets from each; the file the fault interrupted is read back to its last complete event.
     */
    List<KeptFile> kept() {
        lock.lock();
        try {
            List<KeptFile> kept = new ArrayList<>();
            closedFiles.forEach((name, events) -> kept.add(new KeptFile(name, events, true)));
            if (lastStarted != null && !closedFiles.containsKey(lastStarted) && Files.exists(Path.of(lastStarted))) {
                kept.add(new KeptFile(lastStarted, completeEvents(Path.of(lastStarted)), false));
            }
            return kept;
        } finally {
            lock.unlock();
        }
    }

    /** The file created last: being written, or the one a fault interrupted (null before the first). */
    String lastStarted() {
        lock.lock();
        try {
            return lastStarted;
        } finally {
            lock.unlock();
        }
    }

    /** Events a reader gets from a file whose end may be cut or damaged. */
    private static long completeEvents(Path file) {
        long n = 0;
        try (CaptureReader r = CaptureReader.open(file)) {
            while (r.next() != null) {
                n++;
            }
        } catch (IOException | RuntimeException cutOrDamaged) {
            // n events came before the cut: exactly what any reader gets
        }
        return n;
    }

    /** Opens the first file if no event came, so that even an empty recording leaves its manifest. */
    void ensureOpen() throws PluginException, IOException {
        try {
            if (writer == null) {
                writerFor(wallClockNanos.getAsLong());
                eventsInFile = 0;
            }
        } finally {
            release();
        }
    }

    /** The file being written, or null before the first. */
    String current() {
        lock.lock();
        try {
            return writer == null ? null : writer.name();
        } finally {
            lock.unlock();
        }
    }

    /** Every file this recording wrote, in order (a ring's reused names appear again). */
    List<String> files() {
        lock.lock();
        try {
            return List.copyOf(written);
        } finally {
            lock.unlock();
        }
    }

    /** Uncompressed bytes of all files so far. */
    long bytes() {
        lock.lock();
        try {
            return bytesOfClosedFiles + (writer == null ? 0 : writer.position());
        } finally {
            lock.unlock();
        }
    }

    private void flushEvery(long nanos) {
        while (!closed) {
            LockSupport.parkNanos(nanos);
            lock.lock();
            try {
                if (!closed && writer != null && writer.position() != flushedPosition && flushFailure == null) {
                    writer.flush();
                    flushedPosition = writer.position();
                }
            } catch (IOException e) {
                flushFailure = e;
            } catch (RuntimeException e) {
                flushFailure = new IOException("flushing " + writer.name() + " failed: " + e, e);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeCurrent();
        } finally {
            lock.unlock();
            if (flusher != null) {
                LockSupport.unpark(flusher);
            }
        }
        if (flushFailure != null) {
            // The recording ended before a write saw it: say so rather than report success.
            throw flushFailure;
        }
    }
}

package dev.scapula.capture.recover;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.CaptureInput;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.io.NewFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves what is sound in a cut or damaged capture: the uncompressed bytes up to the end of the
 * last event that decodes (with every header block before it: section header, machine info,
 * manifest, process and fd lists, exactly as they were), compressed as the input was. Since
 * every block boundary is a valid end of a capture, that prefix is a clean file.
 */
public final class Recovery {
    private static final int COPY_BUFFER = 1 << 16;

    /**
     * What was kept and dropped: events and uncompressed bytes kept, uncompressed bytes that
     * could still be decompressed after the cut but were dropped, and why the input stopped being
     * readable (null when it was complete).
     */
    public record Report(long events, long keptBytes, long droppedBytes, Compression compression, CaptureException problem) {
    }

    /** Finds the last complete event of {@code in}; an input whose header cannot be read is refused. */
    public Report scan(Path in) throws IOException {
        try (CaptureReader r = CaptureReader.open(in)) {
            // After the header the first event block is read but not yet decoded: start before it.
            long cut = r.blockReader().offset();
            CaptureException problem = null;
            try {
                for (Event e = r.next(); e != null; e = r.next()) {
                    cut = r.bytesRead();
                }
                cut = r.bytesRead();
            } catch (CaptureException damaged) {
                problem = damaged;
            }
            return new Report(r.eventCount(), cut, 0, r.compression(), problem);
        }
    }

    /**
     * Writes the sound prefix that {@code scan} found to {@code out} (through a temporary file in
     * the same directory, so {@code out} is never left half-written) and counts the dropped bytes.
     */
    public Report copy(Path in, Report scanned, Path out, boolean replace) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".part");
        long dropped = 0;
        try {
            try (CaptureInput input = CaptureInput.open(in);
                    OutputStream file = Files.newOutputStream(tmp);
                    OutputStream sink = scanned.compression().compressor(file, -1);
                    WritableByteChannel target = Channels.newChannel(sink)) {
                ReadableByteChannel source = input.channel();
                ByteBuffer buf = ByteBuffer.allocate(COPY_BUFFER);
                long copied = 0;
                boolean more = true;
                while (more) {
                    buf.clear();
                    try {
                        more = source.read(buf) >= 0;
                    } catch (IOException unreadableTail) {
                        // cut or corrupt compressed data: keep what this read delivered, count no further
                        more = false;
                    }
                    buf.flip();
                    int n = buf.remaining();
                    long keep = Math.min(n, Math.max(0, scanned.keptBytes() - copied));
                    buf.limit((int) keep);
                    while (buf.hasRemaining()) {
                        target.write(buf);
                    }
                    copied += keep;
                    dropped += n - keep;
                }
                if (copied != scanned.keptBytes()) {
                    throw new IOException(in + ": read " + copied + " bytes on the second pass, expected "
                            + scanned.keptBytes() + " (did the file change while recovering?)");
                }
            }
            if (replace) {
                // a rename replaces the name itself: a link there is replaced, never written through
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                NewFiles.moveNoReplace(tmp, out); // fails rather than replace a file (or link) that appeared meanwhile
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Report(scanned.events(), scanned.keptBytes(), dropped, scanned.compression(), scanned.problem());
    }

    /** The events a written file reads back, to check it against {@link Report#events()}. */
    public static long readBack(Path file) throws IOException {
        try (CaptureReader r = CaptureReader.open(file)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                // counting only
            }
            return r.eventCount();
        }
    }
}

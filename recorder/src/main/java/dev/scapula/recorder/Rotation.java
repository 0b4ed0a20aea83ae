package dev.scapula.recorder;

/**
 * When a recording starts a new file, with sysdig's flags: {@code -C} megabytes (10^6 bytes),
 * {@code -G} seconds of event time, {@code -e} events per file, and {@code -W} files kept in a
 * ring; 0 turns a limit off.
 */
public record Rotation(int megabytes, int seconds, long eventsPerFile, int fileLimit) {
    /** One file, never rotated. */
    public static final Rotation NONE = new Rotation(0, 0, 0, 0);

    public Rotation {
        if (megabytes < 0 || seconds < 0 || eventsPerFile < 0 || fileLimit < 0) {
            throw new IllegalArgumentException("-C, -G, -e and -W must not be negative");
        }
        if (fileLimit > 0 && megabytes == 0 && seconds == 0 && eventsPerFile == 0) {
            throw new IllegalArgumentException("-W keeps a ring of files: it needs -C, -G or -e to start new files");
        }
    }

    /** Whether the recording may span several files. */
    public boolean active() {
        return megabytes > 0 || seconds > 0 || eventsPerFile > 0;
    }

    /** The -C limit in bytes. */
    long bytesPerFile() {
        return megabytes * 1_000_000L;
    }
}

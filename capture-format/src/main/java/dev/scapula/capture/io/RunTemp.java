package dev.scapula.capture.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one private folder (mode 0700) a scapula process keeps its temporary files in (plugin
 * copies, worker call logs, fuzz candidates, lint captures): removed when the process exits, and,
 * since {@code kill -9} or a crash skips that, folders of processes that are gone are removed by
 * the next process that starts. The folder's name holds the owner's pid for that check.
 */
public final class RunTemp implements AutoCloseable {
    static final String PREFIX = "scapula-run-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-.*");

    private final Path dir;
    /** Why there is no folder (the temporary directory is not writable), reported at each use. */
    private final IOException unavailable;

    private RunTemp(Path dir, IOException unavailable) {
        this.dir = dir;
        this.unavailable = unavailable;
    }

    /**
     * This process's folder under {@code java.io.tmpdir}, made on first use (sweeping stale ones
     * first) and removed at exit. A holder class rather than a field set later: the folder is
     * fixed for the life of the process, as the pid in its name is.
     */
    public static RunTemp current() {
        return ThisProcess.INSTANCE;
    }

    /** Removes the stale folders under {@code base}, then makes a new one for this process there. */
    public static RunTemp start(Path base) throws IOException {
        Path dir = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        sweep(base, dir, Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS));
        return new RunTemp(dir, null);
    }

    /** The folder. */
    public Path dir() throws IOException {
        if (unavailable != null) {
            throw new IOException("no temporary folder: " + unavailable.getMessage(), unavailable);
        }
        return dir;
    }

    /** A new empty file in the folder (mode 0600), named from {@code prefix} and {@code suffix}. */
    public Path file(String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir(), prefix, suffix);
    }

    /** A new sub-folder (mode 0700), for one task to remove as a whole with {@link #delete}. */
    public Path folder(String prefix) throws IOException {
        return Files.createTempDirectory(dir(), prefix);
    }

    /** Removes the folder and everything in it. */
    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        try {
            delete(dir);
        } catch (IOException e) {
            // at exit there is nobody left to tell but stderr; the next start sweeps what is left
            System.err.println("scapula: could not remove " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Deletes a tree, deepest first, without following links out of it; a tree that is already
     * gone is fine.
     */
    public static void delete(Path tree) throws IOException {
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // removed already
        }
    }

    /** Removes the run folders of user {@code me} under {@code base}, other than {@code own}, whose process has ended. */
    private static void sweep(Path base, Path own, UserPrincipal me) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!p.equals(own) && m.matches() && stale(p, Long.parseLong(m.group(1)), me)) {
                    try {
                        delete(p);
                    } catch (IOException busy) {
                        // another process sweeping at the same time, or a file we may not remove: leave it
                    }
                }
            }
        }
    }

    /**
     * A folder of ours (not a link, owned by this user) whose process is gone: no such pid, or
     * one started after the folder last changed, so a reused pid is not mistaken for its owner.
     */
    private static boolean stale(Path folder, long pid, UserPrincipal me) {
        try {
            PosixFileAttributes a = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory() || !me.equals(a.owner())) {
                return false;
            }
            Optional<ProcessHandle> owner = ProcessHandle.of(pid);
            if (owner.isEmpty() || !owner.get().isAlive()) {
                return true;
            }
            // the start time is known to some milliseconds only: a second of margin keeps a live owner safe
            Instant changed = a.lastModifiedTime().toInstant().plusSeconds(1);
            return owner.get().info().startInstant().map(started -> started.isAfter(changed)).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Made when first asked for, once per process. */
    private static final class ThisProcess {
        static final RunTemp INSTANCE = make();

        private static RunTemp make() {
            Path base = Path.of(System.getProperty("java.io.tmpdir"));
            try {
                RunTemp t = start(base);
                Runtime.getRuntime().addShutdownHook(new Thread(t::close, "scapula-run-temp-cleanup"));
                return t;
            } catch (IOException e) {
                // most commands need no temporary file: fail only the ones that do, when they ask
                return new RunTemp(null, new IOException("cannot make a folder in " + base + ": " + e, e));
            }
        }
    }
}

package dev.scapula.capture.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way scapula creates the files it writes (captures, sidecars, reports, reproducers) and
 * moves a finished file into place, so that a name planted in a shared folder (a symbolic link
 * to someone's file, a file appearing between a check and a write) is refused rather than
 * followed: a new file is created with {@code O_CREAT|O_EXCL}, which fails on any existing
 * entry, links included; an overwrite opens with {@code O_NOFOLLOW} and refuses a link; a
 * move without replacing is a hard link and an unlink, which fails if the target appeared meanwhile.
 */
public final class NewFiles {
    /** Numbered names tried before giving up: a folder holding that many is not worth searching. */
    private static final int MAX_NUMBER = 10_000;

    private NewFiles() {
    }

    /**
     * Creates {@code file} for writing; any entry of that name, even a dangling link, makes it fail.
     *
     * @throws FileAlreadyExistsException if the name is taken
     */
    public static FileChannel createNew(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Creates {@code file}, or with {@code overwrite} truncates the regular file of that name in
     * place (its owner and mode stay, and a user may overwrite a file of theirs in a folder they
     * cannot write), opened with {@code O_NOFOLLOW}. A symbolic link is refused either way, also one
     * swapped in after the check, and a directory too; a FIFO or device is written as it is.
     */
    public static FileChannel create(Path file, boolean overwrite) throws IOException {
        if (!overwrite) {
            return createNew(file);
        }
        checkCreatable(file, true);
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // O_NOFOLLOW fails with ELOOP on a link that appeared since the check
            throw Files.isSymbolicLink(file) ? new LinkRefusedException(file) : e;
        }
    }

    /**
     * Fails now, before any work, where {@link #create} would fail later: on a link, on an
     * existing entry without {@code overwrite}, on a directory.
     */
    public static void checkCreatable(Path file, boolean overwrite) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return;
        }
        if (a.isSymbolicLink()) {
            throw new LinkRefusedException(file);
        }
        if (!overwrite) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists; give --force to overwrite it");
        }
        if (a.isDirectory()) {
            throw new FileSystemException(file.toString(), null, "is a directory");
        }
    }

    /** {@link #create} as a stream. */
    public static OutputStream newOutputStream(Path file, boolean overwrite) throws IOException {
        return Channels.newOutputStream(create(file, overwrite));
    }

    /** Writes {@code bytes} to {@code file}, created as {@link #create} does. */
    public static void write(Path file, byte[] bytes, boolean overwrite) throws IOException {
        try (OutputStream out = newOutputStream(file, overwrite)) {
            out.write(bytes);
        }
    }

    /**
     * Creates, empty, the first free set of names {@code dir/BASE SUFFIX} for every suffix, then
     * {@code BASE-2 SUFFIX}, {@code BASE-3 SUFFIX}...: a set whose every name could be created
     * exclusively, so each file of the set is new and ours (a planted link just moves the number on).
     *
     * @return the created files, in the order of {@code suffixes}
     */
    public static List<Path> createNumbered(Path dir, String base, String... suffixes) throws IOException {
        for (int n = 1; n <= MAX_NUMBER; n++) {
            String stem = n == 1 ? base : base + "-" + n;
            List<Path> made = new ArrayList<>();
            try {
                for (String suffix : suffixes) {
                    Path p = dir.resolve(stem + suffix);
                    createNew(p).close();
                    made.add(p);
                }
                return made;
            } catch (FileAlreadyExistsException taken) {
                for (Path p : made) {
                    Files.deleteIfExists(p);
                }
            }
        }
        throw new FileAlreadyExistsException(dir.resolve(base + suffixes[0]).toString(), null,
                "this name and its " + MAX_NUMBER + " numbered variants are all taken");
    }

    /**
     * Moves {@code from} to {@code to} in one step that fails if {@code to} exists (as any entry,
     * a link included): a hard link then the unlink of {@code from}. Both must be on one file system.
     *
     * @throws FileAlreadyExistsException if {@code to} exists
     */
    public static void moveNoReplace(Path from, Path to) throws IOException {
        Files.createLink(to, from);
        Files.delete(from);
    }
}

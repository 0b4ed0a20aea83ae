package dev.scapula.recorder;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a failed file operation of a recording means for the user, in words: the disk full, the
 * file size limit, a permission, a vanished directory. The operating system's own text (Linux
 * strerror) is kept in the message, since it is what a user searches for.
 */
final class StorageFault {
    private StorageFault() {
    }

    /** One sentence about the failure; {@code file} is the file being written when the error carries none. */
    static String explain(IOException e, String file) {
        if (e instanceof FileAlreadyExistsException exists) {
            return name(exists.getFile(), file) + " exists; give --force to overwrite it";
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: cannot create or write " + name(denied.getFile(), file);
        }
        if (e instanceof NoSuchFileException missing) {
            Path path = Path.of(name(missing.getFile(), file));
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                return "the directory " + dir + " no longer exists (removed or moved while recording?), so " + path
                        + " cannot be created";
            }
            return "no such file: " + path;
        }
        String os = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        long size = file == null ? -1 : size(file);
        String where = (file == null ? "the capture" : file) + (size >= 0 ? String.format(" at byte %,d", size) : "");
        if (os.contains("No space left on device")) {
            return "the disk is full (" + os + ") writing " + where;
        }
        if (os.contains("File too large")) {
            return "the file size limit was reached (" + os + ": the process's RLIMIT_FSIZE, as ulimit -f sets, or the "
                    + "file system's largest file) writing " + where;
        }
        if (os.contains("Disk quota exceeded")) {
            return "the disk quota is used up (" + os + ") writing " + where;
        }
        if (os.contains("Read-only file system")) {
            return "the file system became read-only (" + os + ") writing " + where;
        }
        return "writing " + where + " failed: " + os;
    }

    private static String name(String fromError, String fallback) {
        return fromError != null ? fromError : fallback;
    }

    /** The file's size now (where writing stopped), or -1 when it is gone. */
    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}

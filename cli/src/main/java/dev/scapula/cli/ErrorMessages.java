package dev.scapula.cli;

import dev.scapula.cli.output.Terminal;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * Turns exceptions into the one-line messages users see, without stack traces; what they quote
 * from input (names, values, a plugin's last error) has its control characters escaped.
 */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static String describe(Throwable ex) {
        return Terminal.safe(message(ex));
    }

    private static String message(Throwable ex) {
        if (ex instanceof NoSuchFileException) {
            return ex.getMessage() + ": no such file";
        }
        if (ex instanceof FileAlreadyExistsException e && e.getReason() == null) {
            return e.getFile() + ": exists; give --force to overwrite it";
        }
        if (ex instanceof AccessDeniedException) {
            return ex.getMessage() + ": permission denied";
        }
        String m = ex.getMessage();
        return m == null ? ex.getClass().getSimpleName() : m;
    }
}

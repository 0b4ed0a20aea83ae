package dev.scapula.capture.io;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A file scapula was asked to write is a symbolic link, and writing through it could change any file. */
public final class LinkRefusedException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    /** Refuses {@code link}, the name given to write. */
    public LinkRefusedException(Path link) {
        super(link.toString(), null, "is a symbolic link; scapula never writes through a link, even with --force "
                + "(remove the link, or choose another name)");
    }
}

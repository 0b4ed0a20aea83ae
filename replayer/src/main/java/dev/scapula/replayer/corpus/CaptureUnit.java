package dev.scapula.replayer.corpus;

import java.util.List;

/**
 * One unit of corpus work: a capture, or the files of one rotated series in order, named by its
 * path relative to the corpus root (the name every machine agrees on).
 */
public record CaptureUnit(String name, List<java.nio.file.Path> files, long bytes) {
    public CaptureUnit {
        files = List.copyOf(files);
    }
}

package dev.scapula.cli.isolate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a temporary directory a worker or a fuzz run used, with everything in it, as best it can. */
public final class ScratchDir {
    private ScratchDir() {
    }

    /** Deletes the tree under {@code dir}, deepest first; a file that will not go is left behind. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

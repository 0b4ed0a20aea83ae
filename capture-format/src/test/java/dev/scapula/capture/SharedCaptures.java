package dev.scapula.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the public libscap captures in {@code shared/captures}, a sibling of the repository
 * (or of a worktree), walking up from the working directory.
 */
public final class SharedCaptures {
    private SharedCaptures() {
    }

    public static Optional<Path> dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("captures");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

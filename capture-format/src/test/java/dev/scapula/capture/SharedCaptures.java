package dev.scapula.capture;

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
        return SharedFiles.find("captures");
    }
}

package dev.scapula.recorder;

import dev.scapula.capture.expect.ExpectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The name of each file of a rotated recording, as sysdig's cycle dumper chooses it
 * (libsinsp {@code sinsp_cycledumper::next_file}):
 * <ul>
 * <li>with {@code -G} and a {@code %} in the name, the name is an strftime pattern of the local
 * time of the event that starts the file; with {@code -W} the file that held this slot of the
 * ring before is deleted;</li>
 * <li>with {@code -G} and no {@code %}, the name gets the file index;</li>
 * <li>with {@code -C}, the index is appended (after the -G name), zero-padded to the digits of
 * {@code -W};</li>
 * <li>with {@code -e}, the name is the base name and the index, whatever -G and -C did.</li>
 * </ul>
 * The index counts from 0 and wraps to 0 after {@code -W} files, so the ring reuses names.
 */
final class FileNames {
    private final String base;
    private final Rotation rotation;
    private final ZoneId zone;
    private final Strftime pattern;
    private final String[] ring;
    private int index;

    FileNames(String base, Rotation rotation, ZoneId zone) {
        this.base = base;
        this.rotation = rotation;
        this.zone = zone;
        this.pattern = rotation.seconds() > 0 && base.contains("%") ? new Strftime(base) : null;
        this.ring = pattern != null && rotation.fileLimit() > 0 ? new String[rotation.fileLimit()] : null;
    }

    /** The next file's name and the older file it replaces in the ring, if one must be deleted. */
    Next next(long epochSecond) {
        if (rotation.fileLimit() > 0 && index >= rotation.fileLimit()) {
            index = 0;
        }
        String name;
        String replaced = null;
        if (pattern != null) {
            name = pattern.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
            if (ring != null) {
                replaced = ring[index];
                ring[index] = name;
            }
        } else if (rotation.seconds() > 0) {
            name = base + index;
        } else {
            name = base;
        }
        if (rotation.megabytes() > 0) {
            name += padded(index, digits(rotation.fileLimit()));
        }
        if (rotation.eventsPerFile() > 0) {
            name = base + index;
        }
        index++;
        String chosen = name;
        return new Next(chosen, Optional.ofNullable(replaced).filter(r -> !r.equals(chosen)));
    }

    private static int digits(int n) {
        int d = 0;
        for (; n > 0; n /= 10) {
            d++;
        }
        return d;
    }

    private static String padded(int value, int width) {
        String s = Integer.toString(value);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    /**
     * The files that exist now under a name this recording may give a file: the one file, or for
     * indexed names every file named FILE and digits, with the live-values sidecars of those
     * names (another recording's values). Names from an strftime pattern depend on
     * the events' time and are checked as each file is created instead.
     */
    List<Path> existing() throws IOException {
        Path file = Path.of(base);
        if (!rotation.active()) {
            // a dangling link counts: writing would create its target
            return Stream.of(file, ExpectFile.of(file)).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        if (pattern != null && rotation.eventsPerFile() == 0) {
            return List.of();
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        Pattern indexed = Pattern.compile(Pattern.quote(file.getFileName().toString()) + "\\d+("
                + Pattern.quote(ExpectFile.SUFFIX) + ")?");
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> indexed.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** A file name, and the earlier file of the ring to delete before writing it. */
    record Next(String name, Optional<String> delete) {
    }
}

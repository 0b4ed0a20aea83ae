package dev.scapula.replayer.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the captures of a corpus directory or list file, keeping each rotated series together. */
public final class CorpusFinder {
    /** A capture file: plain, compressed, or one file of a rotated series ({@code r.scap3}). */
    private static final Pattern CAPTURE = Pattern.compile("(.*\\.scap)(\\d*)(\\.gz|\\.zst)?");

    /** Every capture under {@code root}, recursively, sorted by relative path. */
    public List<CaptureUnit> find(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a directory (--corpus wants a folder of captures)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        return group(root, files);
    }

    /**
     * The captures a list file names, one path per line (relative paths are taken from the list
     * file's folder; blank lines and lines starting with # are skipped).
     */
    public List<CaptureUnit> fromList(Path listFile) throws IOException {
        Path base = listFile.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(listFile)) {
            lineNumber++;
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Path p = base.resolve(entry).normalize();
            if (!Files.isRegularFile(p)) {
                throw new IOException(listFile + " line " + lineNumber + ": " + entry + " is not a file");
            }
            files.add(p);
        }
        return group(base, files);
    }

    private static List<CaptureUnit> group(Path root, List<Path> files) throws IOException {
        // key: relative path of the series' base name plus compression, so r.scap, r.scap1, r.scap2 stay one unit
        Map<String, List<Path>> series = new TreeMap<>();
        for (Path f : files) {
            String rel = root.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize()).toString()
                    .replace('\\', '/');
            Matcher m = CAPTURE.matcher(rel);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1) + (m.group(3) == null ? "" : m.group(3));
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<CaptureUnit> units = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : series.entrySet()) {
            List<Path> ordered = new ArrayList<>(e.getValue());
            ordered.sort(Comparator.comparingLong(CorpusFinder::seriesIndex));
            long bytes = 0;
            for (Path p : ordered) {
                bytes += Files.size(p);
            }
            units.add(new CaptureUnit(e.getKey(), ordered, bytes));
        }
        return units;
    }

    /** Position in a rotated series: the unnumbered file first, then by number (r.scap2 before r.scap10). */
    private static long seriesIndex(Path p) {
        Matcher m = CAPTURE.matcher(p.getFileName().toString());
        if (!m.matches() || m.group(2).isEmpty()) {
            return -1;
        }
        return Long.parseLong(m.group(2));
    }
}

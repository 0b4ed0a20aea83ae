package dev.scapula.checks.lint;

import dev.scapula.capture.io.Utf8Text;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the tab-separated data files lint ships (rows of cells; '#' lines are comments). */
final class TsvData {
    private TsvData() {
    }

    static List<String[]> resource(String name, int columns) {
        try (InputStream in = TsvData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("lint data file " + name + " is missing from the jar");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest data file a user may give: the registry snapshot is a few KiB. */
    static final int MAX_FILE_BYTES = 4 << 20;

    static List<String[]> file(Path path, int columns) throws IOException {
        String text = Utf8Text.read(path, MAX_FILE_BYTES, "a lint data file");
        return read(new BufferedReader(new StringReader(text)), path.toString(), columns);
    }

    /** The first comment line, where the files say what they were made from. */
    static String firstComment(String resource) {
        try (InputStream in = TsvData.class.getResourceAsStream(resource)) {
            String first = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return first != null && first.startsWith("#") ? first.substring(1).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> read(BufferedReader in, String name, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length < columns) {
                throw new IOException(name + ": line " + lineNumber + ": expected " + columns
                        + " tab-separated columns, found " + cells.length);
            }
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            rows.add(cells);
        }
        return rows;
    }
}

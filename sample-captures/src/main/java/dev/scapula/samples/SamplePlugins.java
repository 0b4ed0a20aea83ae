package dev.scapula.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample plugins this project builds from C: a real file path for each, and fresh copies
 * for checks that need instances with their own globals ({@code dlopen} of one path twice
 * returns one handle). The examples come with this jar; the fixtures come with its test jar, so
 * they are found only where that is on the class path (the tests of every module).
 */
public final class SamplePlugins {
    /** The plugins written to teach plugin authors, and those the demo runs: what users get. */
    public static final List<String> EXAMPLES = List.of("counter", "fields", "stateful", "tables", "nondet",
            "versioned_1_0_0", "versioned_1_1_0", "versioned_2_0_0", "versioned_1_0_1_wrong");
    /** The plugins broken on purpose (or shaped after a bug) for tests, in the test jar only. */
    public static final List<String> FIXTURES = List.of("counter_partial", "fields_anysource", "stateful_nodump",
            "stateful_clock", "extract_mutates", "fragile", "fragile_anysource", "liar", "lint_clean", "lint_old_api",
            "lint_stolen_id", "lint_reserved_source", "lint_sloppy", "reuse");
    /** Every sample plugin the build makes in C, examples and fixtures. */
    public static final List<String> NAMES = Stream.concat(EXAMPLES.stream(), FIXTURES.stream()).toList();
    /** A fixture built only where the Go toolchain is installed (CI installs golang-go); see {@link #has}. */
    public static final String GO_PLUGIN = "goextract";

    private SamplePlugins() {
    }

    /**
     * A path to the plugin's shared library: the built file itself, or a copy out of the jar in
     * the system's temporary directory, deleted when the JVM exits normally (for tests; commands
     * use {@link #path(String, Path)} with their own folder).
     */
    public static Path path(String name) {
        return path(name, null);
    }

    /**
     * A path to the plugin's shared library: the built file itself, or a copy out of the jar in
     * {@code folder} (the caller's private temporary folder, which it removes; null: as {@link #path(String)}).
     */
    public static Path path(String name, Path folder) {
        URL url = resource(name);
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("bad resource URL " + url, e);
            }
        }
        return freshCopy(name, folder);
    }

    /** A new copy of the plugin in a temporary file, deleted when the JVM exits normally (for tests). */
    public static Path freshCopy(String name) {
        return freshCopy(name, null);
    }

    /** A new copy of the plugin in a new file in {@code folder} (null: as {@link #freshCopy(String)}). */
    public static Path freshCopy(String name, Path folder) {
        try (InputStream in = resource(name).openStream()) {
            Path copy = newFile(folder, name + "-", ".so");
            fill(copy, in);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy sample plugin " + name, e);
        }
    }

    /** The C driver that calls plugins directly: the baseline of the host benchmarks (for tests). */
    public static Path driver() {
        return driver(null);
    }

    /** The C driver, copied out of the jar into {@code folder} if need be (null: as {@link #driver()}). */
    public static Path driver(Path folder) {
        URL url = SamplePlugins.class.getResource("driver");
        if (url == null) {
            throw new IllegalStateException("the C driver was not built");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = newFile(folder, "driver-", "");
            try (InputStream in = url.openStream()) {
                fill(copy, in);
            }
            if (!copy.toFile().setExecutable(true, true)) {
                throw new IOException("cannot make " + copy + " executable");
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the C driver", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    /** Writes into the new file itself (a replacing copy would make a new one with wider permissions). */
    private static void fill(Path file, InputStream in) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
    }

    /** A new file (mode 0600) in {@code folder}, or in the system's temporary directory until exit. */
    private static Path newFile(Path folder, String prefix, String suffix) throws IOException {
        if (folder != null) {
            return Files.createTempFile(folder, prefix, suffix);
        }
        Path file = Files.createTempFile("scapula-" + prefix, suffix);
        file.toFile().deleteOnExit();
        return file;
    }

    /** True when a sample plugin of that name is on the class path (a fixture only with the test jar). */
    public static boolean has(String name) {
        return SamplePlugins.class.getResource(name + ".so") != null;
    }

    private static URL resource(String name) {
        URL url = SamplePlugins.class.getResource(name + ".so");
        if (url == null) {
            throw new IllegalArgumentException("no sample plugin named " + name + " (examples: " + EXAMPLES
                    + "; fixtures, with sample-captures' test jar on the class path: " + FIXTURES + ")");
        }
        return url;
    }
}

package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the libsinsp baseline ({@link SharedFiles#baseline()}) on a capture and parses what it
 * prints, so a test compares scapula's values with libsinsp's on the same file; it skips where
 * {@code shared/} is absent, like {@link SharedFiles}.
 */
public final class SinspBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SinspBaseline() {
    }

    /**
     * One event as libsinsp read it: each asked field's value as libsinsp's filter checks render
     * it (lists as {@code (a,b)}), or null where the field has no value.
     */
    public record Event(long num, int type, long ts, String source, Map<String, String> fields) {
    }

    /** A plugin for {@link #read} and {@link #write}: its file and init config. */
    public record Plugin(Path file, String init) {
        public static Plugin of(Path file) {
            return new Plugin(file, "");
        }

        String spec() {
            return file + "|" + init;
        }
    }

    /**
     * {@code sinsp-baseline read}: every event of {@code capture} with the {@code fields} (names
     * without commas) extracted by libsinsp from {@code plugins}, loaded in that order.
     */
    public static List<Event> read(Path capture, List<Plugin> plugins, List<String> fields) {
        List<String> args = new ArrayList<>(List.of("read", "-i", capture.toString()));
        for (Plugin p : plugins) {
            args.add("--plugin");
            args.add(p.spec());
        }
        args.add("-f");
        args.add(String.join(",", fields));
        List<Event> events = new ArrayList<>();
        for (String line : run(args).lines().toList()) {
            events.add(parse(line, fields));
        }
        return events;
    }

    /** {@code sinsp-baseline write}: {@code count} events of a source plugin opened with {@code open}, into {@code out}. */
    public static Path write(Path out, Plugin source, String open, int count) {
        run(List.of("write", "-o", out.toString(), "-n", Integer.toString(count), "--source",
                source.spec() + "|" + open));
        assertThat(out).as("sinsp-baseline write output").isRegularFile();
        return out;
    }

    /** {@code sinsp-baseline fields}: the plugin's name, ids, sources and field table as libsinsp loads it. */
    public static JsonNode fields(Path plugin) {
        try {
            return JSON.readTree(run(List.of("fields", "--plugin", plugin.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException("sinsp-baseline fields printed no JSON for " + plugin, e);
        }
    }

    private static Event parse(String line, List<String> fields) {
        try {
            JsonNode e = JSON.readTree(line);
            Map<String, String> values = new LinkedHashMap<>();
            JsonNode f = e.get("fields");
            for (String name : fields) {
                // A field libsinsp did not print at all was not asked for: a comparison would check nothing.
                assertThat(f.has(name)).as("sinsp-baseline printed %s in %s", name, line).isTrue();
                values.put(name, f.get(name).isNull() ? null : f.get(name).asText());
            }
            return new Event(e.get("num").asLong(), e.get("type").asInt(), e.get("ts").asLong(),
                    e.get("source").asText(), Collections.unmodifiableMap(values));
        } catch (IOException ex) {
            throw new UncheckedIOException("sinsp-baseline printed a line that is not JSON: " + line, ex);
        }
    }

    private static String run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(SharedFiles.baseline().toString());
        command.addAll(args);
        try {
            Path err = Files.createTempFile("sinsp-baseline-", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("sinsp-baseline ended: %s", command).isTrue();
                String stderr = Files.readString(err);
                // The baseline exits 0 on an unknown field: its message is the only sign.
                assertThat(p.exitValue()).as("sinsp-baseline exit code, stderr: %s", stderr).isZero();
                assertThat(stderr).as("sinsp-baseline stderr").doesNotContain("unknown field");
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}

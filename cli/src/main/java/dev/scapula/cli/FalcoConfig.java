package dev.scapula.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugins a {@code falco.yaml} loads, read as Falco reads them: the {@code plugins} list
 * (name, library_path, init_config as a string or a map, open_params), filtered and ordered by
 * {@code load_plugins} when that key is present (every plugin, in file order, when it is not).
 */
public final class FalcoConfig {
    /** Where Falco looks for a relative {@code library_path}. */
    static final Path FALCO_PLUGIN_DIR = Path.of("/usr/share/falco/plugins");

    /** One plugin to load: its name, library path as written, init config text and open params. */
    public record PluginEntry(String name, String libraryPath, String initConfig, String openParams) {
    }

    private FalcoConfig() {
    }

    /** The plugins {@code file} loads, in load order; errors name the file and what is wrong. */
    public static List<PluginEntry> plugins(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = yaml.readTree(Files.newBufferedReader(file));
        } catch (IOException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a YAML mapping with a plugins list");
        }
        Map<String, PluginEntry> declared = new LinkedHashMap<>();
        JsonNode list = root.path("plugins");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw new IOException(file + ": plugins must be a list");
        }
        int index = 0;
        for (JsonNode p : list) {
            index++;
            String name = p.path("name").asText("");
            String library = p.path("library_path").asText("");
            if (name.isEmpty() || library.isEmpty()) {
                throw new IOException(file + ": plugins entry " + index + " needs a name and a library_path");
            }
            JsonNode init = p.path("init_config");
            // A map is handed to the plugin as JSON, as Falco does; a string as written.
            String initText = init.isMissingNode() || init.isNull() ? "" : init.isTextual() ? init.asText()
                    : new ObjectMapper().writeValueAsString(init);
            declared.put(name, new PluginEntry(name, library, initText, p.path("open_params").asText("")));
        }
        JsonNode load = root.get("load_plugins");
        if (load == null) {
            return new ArrayList<>(declared.values());
        }
        if (!load.isArray() && !load.isNull()) {
            throw new IOException(file + ": load_plugins must be a list of plugin names");
        }
        List<PluginEntry> out = new ArrayList<>();
        if (load.isArray()) {
            for (JsonNode n : load) {
                PluginEntry e = declared.get(n.asText());
                if (e == null) {
                    throw new IOException(file + ": cannot load plugin '" + n.asText()
                            + "': plugin config not found for given name");
                }
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The plugin file of an entry: an absolute library_path as is; a relative one against the
     * config file's directory, then Falco's plugin directory, then by the plugin's name.
     */
    public static Path locate(PluginEntry entry, Path configFile, PluginOptions options)
            throws dev.scapula.plugin.PluginException {
        Path written = Path.of(entry.libraryPath());
        if (written.isAbsolute()) {
            return written;
        }
        Path dir = configFile.toAbsolutePath().getParent();
        for (Path candidate : new Path[] {dir == null ? written : dir.resolve(written), FALCO_PLUGIN_DIR.resolve(written)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return options.locate(entry.name());
    }
}

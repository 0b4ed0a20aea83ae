package dev.scapula.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.capture.io.Utf8Text;
import dev.scapula.capture.manifest.PluginName;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The plugins a {@code falco.yaml} loads, read as Falco reads them: the {@code plugins} list
 * (name, library_path, init_config as a string or a map, open_params), filtered and ordered by
 * {@code load_plugins} when that key is present (every plugin, in file order, when it is not).
 *
 * <p>A config comes from anywhere, so it is bounded before it is parsed ({@link #MAX_BYTES}),
 * decoded as strict UTF-8, and its aliases are expanded as Falco's yaml-cpp expands them, within
 * limits; every refusal names the file, line and column.
 */
public final class FalcoConfig {
    /** Where Falco looks for a relative {@code library_path}. */
    static final Path FALCO_PLUGIN_DIR = Path.of("/usr/share/falco/plugins");
    /** Largest config read: a whole falco.yaml with comments is tens of KiB; a larger one is refused unread. */
    public static final int MAX_BYTES = 1 << 20;
    /** Most values a plugins section may expand to, aliases counted each time they are used. */
    static final int MAX_VALUES = 100_000;
    /** Deepest nesting of collections in a plugin entry (an alias of a collection inside itself is endless). */
    static final int MAX_DEPTH = 64;
    /** Most aliases of collections SnakeYAML accepts in one document, against billion-laughs files. */
    static final int MAX_COLLECTION_ALIASES = 64;

    /** One plugin to load: its name, library path as written, init config text and open params. */
    public record PluginEntry(String name, String libraryPath, String initConfig, String openParams) {
    }

    /** A plugin's file and how it was found, for the line that names it on stderr. */
    public record Located(Path file, String how) {
    }

    private FalcoConfig() {
    }

    /** The plugins {@code file} loads, in load order; errors name the file, line and column. */
    public static List<PluginEntry> plugins(Path file) throws IOException {
        Node root = compose(file, Utf8Text.read(file, MAX_BYTES, "a falco.yaml"));
        if (root == null || !(root instanceof MappingNode map)) {
            throw error(file, root == null ? null : root.getStartMark(), "expected a YAML mapping with a plugins list");
        }
        Values values = new Values(file);
        Map<String, PluginEntry> declared = new LinkedHashMap<>();
        Node list = get(file, map, "plugins");
        if (list != null && !isNull(list) && !(list instanceof SequenceNode)) {
            throw error(file, list.getStartMark(), "plugins must be a list");
        }
        int index = 0;
        for (Node p : list instanceof SequenceNode s ? s.getValue() : List.<Node>of()) {
            index++;
            if (!(p instanceof MappingNode entry)) {
                throw error(file, p.getStartMark(), "plugins entry " + index + " must be a mapping");
            }
            String name = text(file, get(file, entry, "name"), "name");
            String library = text(file, get(file, entry, "library_path"), "library_path");
            if (name.isEmpty() || library.isEmpty()) {
                throw error(file, p.getStartMark(), "plugins entry " + index + " needs a name and a library_path");
            }
            Node init = get(file, entry, "init_config");
            // A map is handed to the plugin as JSON, as Falco does; a string as written.
            String initText = init == null || isNull(init) ? "" : init instanceof ScalarNode s ? s.getValue()
                    : new ObjectMapper().writeValueAsString(values.json(init, 0));
            declared.put(name, new PluginEntry(name, library, initText,
                    text(file, get(file, entry, "open_params"), "open_params")));
        }
        Node load = get(file, map, "load_plugins");
        if (load == null) {
            return new ArrayList<>(declared.values());
        }
        if (!(load instanceof SequenceNode) && !isNull(load)) {
            throw error(file, load.getStartMark(), "load_plugins must be a list of plugin names");
        }
        List<PluginEntry> out = new ArrayList<>();
        for (Node n : load instanceof SequenceNode s ? s.getValue() : List.<Node>of()) {
            String wanted = text(file, n, "a load_plugins entry");
            PluginEntry e = declared.get(wanted);
            if (e == null) {
                throw error(file, n.getStartMark(), "cannot load plugin '" + wanted
                        + "': plugin config not found for given name");
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The plugin file of an entry, as Falco finds it: an absolute library_path as is; a relative
     * one in Falco's plugin folder, or beside the config first when {@code besideConfig} (the user
     * asked for it: a config may come with files of its own). Where neither has it, the entry's
     * name, when it is a plain name, is looked up as a name ({@code --plugin-dir},
     * SCAPULA_PLUGIN_DIR, the bundled samples); a name is never taken as a path.
     */
    public static Located locate(PluginEntry entry, Path configFile, boolean besideConfig, PluginOptions options)
            throws PluginException {
        Path written;
        try {
            written = Path.of(entry.libraryPath());
        } catch (InvalidPathException e) {
            throw new PluginException(configFile + ": plugin " + entry.name() + ": library_path is not a file name: "
                    + e.getReason());
        }
        if (written.isAbsolute()) {
            return new Located(written, "absolute library_path");
        }
        List<Path> tried = new ArrayList<>();
        Path dir = configFile.toAbsolutePath().getParent();
        if (besideConfig && dir != null) {
            Path beside = dir.resolve(written).normalize();
            tried.add(beside);
            if (Files.isRegularFile(beside)) {
                return new Located(beside, "beside the config (--plugins-beside-config)");
            }
        }
        Path falco = FALCO_PLUGIN_DIR.resolve(written).normalize();
        tried.add(falco);
        if (Files.isRegularFile(falco)) {
            return new Located(falco, "Falco's plugin folder " + FALCO_PLUGIN_DIR);
        }
        String problem = PluginName.problem(entry.name());
        if (problem != null) {
            throw new PluginException(configFile + ": plugin " + entry.name() + ": library_path " + entry.libraryPath()
                    + " is not " + String.join(" or ", tried.stream().map(Path::toString).toList())
                    + ", and its name is not looked up: " + problem + " (a plugin name is never a path)");
        }
        Path byName = options.locateByName(entry.name());
        return new Located(byName, "by its name " + entry.name() + ", library_path " + entry.libraryPath()
                + " not being " + String.join(" or ", tried.stream().map(Path::toString).toList()));
    }

    private static Node compose(Path file, String text) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String why = e.getProblem() != null ? e.getProblem() : e.getMessage().lines().findFirst().orElse("");
            throw error(file, m, "not valid YAML: " + why
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (YAMLException e) {
            // SnakeYAML's limits (aliases, nesting) carry no mark of their own
            throw new IOException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The value of {@code key} in a mapping, or null; a key given twice is refused where it is repeated. */
    private static Node get(Path file, MappingNode map, String key) throws IOException {
        Node found = null;
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            if (k.getTag().equals(Tag.MERGE)) {
                throw error(file, k.getStartMark(), "merge keys (<<) are not supported; write the keys out");
            }
            if (k instanceof ScalarNode s && s.getValue().equals(key)) {
                if (found != null) {
                    throw error(file, k.getStartMark(), "key " + key + " is given twice");
                }
                found = t.getValueNode();
            }
        }
        return found;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
    }

    /** A scalar's text; an absent or null value is empty, a collection is refused. */
    private static String text(Path file, Node n, String what) throws IOException {
        if (n == null || isNull(n)) {
            return "";
        }
        if (!(n instanceof ScalarNode s)) {
            throw error(file, n.getStartMark(), what + " must be a single value, not a " + (n instanceof SequenceNode
                    ? "list" : "mapping"));
        }
        return s.getValue();
    }

    private static IOException error(Path file, Mark mark, String what) {
        return new IOException(file + (mark == null ? "" : ": line " + (mark.getLine() + 1) + ", column "
                + (mark.getColumn() + 1)) + ": " + what);
    }

    /** Turns a YAML node into JSON as Falco does for a map init_config, counting every value it expands. */
    private static final class Values extends SafeConstructor {
        private final Path file;
        private int count;

        Values(Path file) {
            super(new LoaderOptions());
            this.file = file;
        }

        JsonNode json(Node n, int depth) throws IOException {
            if (++count > MAX_VALUES) {
                throw error(file, n.getStartMark(), "more than " + MAX_VALUES + " values once aliases are expanded");
            }
            if (depth > MAX_DEPTH) {
                throw error(file, n.getStartMark(), "nested more than " + MAX_DEPTH + " deep (an alias of a "
                        + "collection inside itself?)");
            }
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (n instanceof SequenceNode s) {
                ArrayNode a = f.arrayNode();
                for (Node item : s.getValue()) {
                    a.add(json(item, depth + 1));
                }
                return a;
            }
            if (n instanceof MappingNode m) {
                ObjectNode o = f.objectNode();
                for (NodeTuple t : m.getValue()) {
                    Node k = t.getKeyNode();
                    if (k.getTag().equals(Tag.MERGE)) {
                        throw error(file, k.getStartMark(), "merge keys (<<) are not supported; write the keys out");
                    }
                    if (!(k instanceof ScalarNode key)) {
                        throw error(file, k.getStartMark(), "a key must be a single value");
                    }
                    if (o.has(key.getValue())) {
                        throw error(file, k.getStartMark(), "key " + key.getValue() + " is given twice");
                    }
                    o.set(key.getValue(), json(t.getValueNode(), depth + 1));
                }
                return o;
            }
            return scalar((ScalarNode) n);
        }

        private JsonNode scalar(ScalarNode s) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            Tag tag = s.getTag();
            if (tag.equals(Tag.NULL)) {
                return f.nullNode();
            }
            if (tag.equals(Tag.BOOL) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                Object v;
                try {
                    v = constructObject(s);
                } catch (YAMLException e) {
                    return f.textNode(s.getValue());
                }
                if (v instanceof Boolean b) {
                    return f.booleanNode(b);
                }
                if (v instanceof Integer || v instanceof Long) {
                    return f.numberNode(((Number) v).longValue());
                }
                if (v instanceof BigInteger b) {
                    return f.numberNode(b);
                }
                if (v instanceof Double d && Double.isFinite(d)) {
                    return f.numberNode(d);
                }
            }
            return f.textNode(s.getValue());
        }
    }
}

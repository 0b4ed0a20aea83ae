package dev.scapula.checks.lint;

import dev.scapula.capture.io.Utf8Text;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads falcosecurity/plugins' own {@code registry.yaml} ({@code plugins:} entries with
 * {@code name} and {@code capabilities.sourcing.id} and {@code source}) into the rows
 * {@link PluginRegistry} keeps, so a registry checkout can be linted against without converting it.
 */
final class UpstreamRegistry {
    private UpstreamRegistry() {
    }

    /** Whether {@code path} is given in the upstream form: by its extension, as upstream names it. */
    static boolean isYaml(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Rows of {@code ID NAME SOURCE} (ID empty for a plugin that registers no source ID). */
    static List<String[]> rows(Path path) throws IOException {
        String text = Utf8Text.read(path, TsvData.MAX_FILE_BYTES, "a plugin registry");
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new IOException(path + (m == null ? "" : ": line " + (m.getLine() + 1) + ", column "
                    + (m.getColumn() + 1)) + ": not valid YAML: " + (e.getProblem() != null ? e.getProblem()
                    : e.getMessage().lines().findFirst().orElse("")), e);
        } catch (YAMLException e) {
            throw new IOException(path + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("plugins") instanceof List<?> plugins)) {
            throw new IOException(path + ": expected a registry.yaml with a 'plugins:' list");
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            String where = path + ": plugins[" + i + "]";
            if (!(plugins.get(i) instanceof Map<?, ?> plugin) || !(plugin.get("name") instanceof String name)) {
                throw new IOException(where + ": expected a mapping with a name");
            }
            String id = "";
            String source = "";
            if (plugin.get("capabilities") instanceof Map<?, ?> caps
                    && caps.get("sourcing") instanceof Map<?, ?> sourcing
                    && Boolean.TRUE.equals(sourcing.get("supported"))) {
                Object rawId = sourcing.get("id");
                if (rawId != null && !(rawId instanceof Number)) {
                    throw new IOException(where + " (" + name + "): capabilities.sourcing.id is not a number: "
                            + rawId);
                }
                id = rawId == null ? "" : rawId.toString();
                source = sourcing.get("source") == null ? "" : sourcing.get("source").toString();
            }
            rows.add(new String[] {id, name, source});
        }
        return rows;
    }
}

package dev.scapula.checks.lint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The official plugin registry (falcosecurity/plugins {@code registry.yaml}) as lint needs it:
 * who owns which ID and event source. A dated snapshot ships with scapula; {@code --registry FILE}
 * takes a newer one in the same tab-separated form ({@code ID NAME SOURCE CAPABILITIES}), or
 * upstream's {@code registry.yaml} itself (a file named {@code *.yaml} or {@code *.yml}).
 */
public final class PluginRegistry {
    static final String RESOURCE = "registry.tsv";

    /** One registered plugin; {@code id} is null and {@code source} empty for extraction-only plugins. */
    public record Entry(Long id, String name, String source) {
    }

    private final List<Entry> entries;
    private final String origin;

    private PluginRegistry(List<String[]> rows, String origin) {
        this.entries = rows.stream()
                .map(r -> new Entry(r[0].isEmpty() ? null : Long.valueOf(r[0]), r[1], r[2])).toList();
        this.origin = origin;
    }

    /** The snapshot shipped with scapula. */
    public static PluginRegistry bundled() {
        return new PluginRegistry(TsvData.resource(RESOURCE, 3), TsvData.firstComment(RESOURCE));
    }

    /** A registry file given with {@code --registry}. */
    public static PluginRegistry file(Path path) throws IOException {
        PluginRegistry registry;
        try {
            registry = new PluginRegistry(UpstreamRegistry.isYaml(path) ? UpstreamRegistry.rows(path)
                    : TsvData.file(path, 3), path.toString());
        } catch (NumberFormatException e) {
            throw new IOException(path + ": an ID is not a number: " + e.getMessage(), e);
        }
        if (registry.entries.isEmpty()) {
            // with no entries every identity check passes, and lint would call any plugin fit to release
            throw new IOException(path + ": the registry lists no plugins (expected lines of ID NAME SOURCE "
                    + "CAPABILITIES, tab-separated, or a registry.yaml 'plugins:' list)");
        }
        return registry;
    }

    /** What the registry is a snapshot of, for the report. */
    public String origin() {
        return origin;
    }

    public Optional<Entry> byName(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Entry> byId(long id) {
        return entries.stream().filter(e -> e.id() != null && e.id() == id).findFirst();
    }

    /** Registered plugins, other than {@code name}, that produce {@code source}. */
    public List<Entry> producersOf(String source, String name) {
        return entries.stream().filter(e -> e.source().equals(source) && !e.name().equals(name)).toList();
    }
}

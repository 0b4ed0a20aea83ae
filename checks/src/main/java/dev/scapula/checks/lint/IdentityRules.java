package dev.scapula.checks.lint;

import dev.scapula.plugin.PluginInfo;
import java.util.List;
import java.util.Set;

/** The identity part of the checklist: ID and event source, against the plugin registry. */
final class IdentityRules {
    private static final Set<String> RESERVED_SOURCES = Set.of("syscall", "internal", "plugins");
    private static final long TEST_ID = 999;
    private static final String REGISTER = "register the plugin in falcosecurity/plugins (registry.yaml) "
            + "before sharing it, to get an ID and source no one else uses";

    private final PluginRegistry registry;

    IdentityRules(PluginRegistry registry) {
        this.registry = registry;
    }

    void check(PluginInfo info, List<Finding> out) {
        long id = info.id() == null ? 0 : info.id();
        String source = info.eventSource() == null ? "" : info.eventSource();
        if (!source.isEmpty() && id == 0) {
            out.add(new Finding("identity/id-and-source", Severity.ERROR, "event source \"" + source
                    + "\" with ID 0: ID 0 means the syscall source", "return a registered non-zero ID from plugin_get_id"));
        } else if (source.isEmpty() && id != 0) {
            out.add(new Finding("identity/id-and-source", Severity.ERROR, "ID " + id + " with no event source",
                    "return the event source the plugin produces from plugin_get_event_source"));
        }
        if (RESERVED_SOURCES.contains(source)) {
            out.add(new Finding("identity/reserved-source", Severity.ERROR, "event source \"" + source
                    + "\" is reserved by the framework", "use the source name registered for this plugin"));
        }
        if (id == TEST_ID) {
            out.add(new Finding("identity/test-id", Severity.WARNING,
                    "ID 999 is reserved for development and tests", REGISTER));
        }
        var byName = registry.byName(info.name());
        if (id != 0 && id != TEST_ID) {
            registry.byId(id).filter(e -> !e.name().equals(info.name())).ifPresent(e -> out.add(new Finding(
                    "identity/registered-id", Severity.ERROR, "ID " + id + " is registered to the plugin \""
                    + e.name() + "\" (source \"" + e.source() + "\"), not to \"" + info.name() + "\"",
                    byName.map(r -> "use the ID registered for " + info.name() + ": " + r.id()).orElse(REGISTER))));
        }
        if (byName.isPresent()) {
            PluginRegistry.Entry r = byName.get();
            long registered = r.id() == null ? 0 : r.id();
            if (registered != id) {
                out.add(new Finding("identity/registry-mismatch", Severity.ERROR, "\"" + info.name()
                        + "\" is registered with ID " + registered + ", the plugin returns " + id,
                        "return " + registered + " from plugin_get_id, or update the registry"));
            }
            if (!r.source().equals(source) && !(r.source().isEmpty() && source.isEmpty())) {
                out.add(new Finding("identity/registry-mismatch", Severity.ERROR, "\"" + info.name()
                        + "\" is registered with source \"" + r.source() + "\", the plugin returns \"" + source + "\"",
                        "return \"" + r.source() + "\" from plugin_get_event_source, or update the registry"));
            }
        } else {
            out.add(new Finding("identity/unregistered", Severity.NOTE, "\"" + info.name()
                    + "\" is not in the plugin registry (" + registry.origin() + ")", REGISTER));
        }
        if (!source.isEmpty() && !RESERVED_SOURCES.contains(source)) {
            List<PluginRegistry.Entry> others = registry.producersOf(source, info.name());
            if (!others.isEmpty()) {
                out.add(new Finding("identity/shared-source", Severity.WARNING, "event source \"" + source
                        + "\" is also produced by " + String.join(", ", others.stream().map(PluginRegistry.Entry::name)
                        .toList()) + ": rules and extractors for it expect their payload format",
                        "emit payloads byte-compatible with theirs, or register a source of your own"));
            }
        }
    }
}

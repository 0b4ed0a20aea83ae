package dev.scapula.replayer;

import dev.scapula.capture.event.EventTypes;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.load.Capability;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events a plugin parses or extracts from, decided as libsinsp decides it: by event type
 * and event source. Build it after {@code init}, because the event types are asked then.
 *
 * <p>Sources: the declared list, plus the plugin's own source when it is a source plugin with
 * one; an empty set means every source. Types: the declared list; when the plugin declares none,
 * every type if it accepts the "syscall" source, otherwise only plugin events (322). An event
 * with no known source is never handed to a plugin.
 *
 * @param sources the accepted sources; empty means all
 * @param types   the accepted event types; null means all
 */
public record Compatibility(Set<String> sources, Set<Integer> types) {
    /** The source libsinsp gives every event that is not a plugin or async event with a non-zero id. */
    public static final String SYSCALL = "syscall";

    public Compatibility {
        sources = Set.copyOf(sources);
        types = types == null ? null : Set.copyOf(types);
    }

    /** What the plugin's parser accepts (its parse sources and parse event types). */
    public static Compatibility parsing(Plugin plugin) {
        return of(plugin, plugin.info().parseEventSources(), true);
    }

    /** What the plugin's extractor accepts (its extract sources and extract event types). */
    public static Compatibility extraction(Plugin plugin) {
        return of(plugin, plugin.info().extractEventSources(), false);
    }

    private static Compatibility of(Plugin plugin, List<String> declared, boolean parse) {
        Set<String> sources = new LinkedHashSet<>();
        for (String s : declared) {
            if (!s.isEmpty()) {
                sources.add(s);
            }
        }
        String own = plugin.info().eventSource();
        if (plugin.info().capabilities().contains(Capability.SOURCING) && own != null && !own.isEmpty()) {
            sources.add(own);
        }
        Set<Integer> types = new LinkedHashSet<>(plugin.eventTypes(parse));
        if (types.isEmpty()) {
            types = sources.isEmpty() || sources.contains(SYSCALL) ? null : Set.of(EventTypes.PLUGIN_EVENT);
        }
        return new Compatibility(sources, types);
    }

    /** Whether an event of this type from this source (null: no known source) goes to the plugin. */
    public boolean accepts(int type, String source) {
        return source != null && (types == null || types.contains(type))
                && (sources.isEmpty() || sources.contains(source));
    }
}

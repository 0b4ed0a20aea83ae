package dev.scapula.checks.fuzz;

import dev.scapula.checks.isolate.Reproducer;
import dev.scapula.plugin.PluginInfo;
import dev.scapula.plugin.load.Capability;
import dev.scapula.replayer.Compatibility;
import java.util.ArrayList;
import java.util.List;

/**
 * An event source fuzzed payloads are handed under, with the plugin id their events carry: the
 * source plugin's when one is given for that source, else the registry's test id 999.
 */
public record FuzzSource(String name, long pluginId) {
    /** The source an extractor that declares none is fuzzed under when no source plugin is given. */
    public static final String ANY = "scapula_fuzz";

    /**
     * The plugin-event sources the target extracts from or parses: those it declares (except
     * syscall, whose events are not plugin events), or for a plugin declaring none (which Falco
     * hands every source) the given source plugin's, else a stand-in.
     *
     * @param source the source plugin's description, or null
     */
    static List<FuzzSource> of(PluginInfo target, PluginInfo source) {
        boolean extracts = target.capabilities().contains(Capability.EXTRACTION);
        boolean parses = target.capabilities().contains(Capability.PARSING);
        List<String> declared = new ArrayList<>();
        if (extracts) {
            declared.addAll(target.extractEventSources());
        }
        if (parses) {
            target.parseEventSources().stream().filter(s -> !declared.contains(s)).forEach(declared::add);
        }
        declared.removeIf(s -> s.isEmpty() || s.equals(Compatibility.SYSCALL));
        boolean any = extracts && target.extractEventSources().isEmpty()
                || parses && target.parseEventSources().isEmpty();
        List<FuzzSource> out = new ArrayList<>();
        for (String s : declared) {
            out.add(new FuzzSource(s, idFor(s, source)));
        }
        if (any && source != null && source.eventSource() != null && !source.eventSource().isEmpty()
                && !declared.contains(source.eventSource())) {
            out.add(new FuzzSource(source.eventSource(), idFor(source.eventSource(), source)));
        }
        if (out.isEmpty() && any) {
            out.add(new FuzzSource(ANY, Reproducer.FUZZ_PLUGIN_ID));
        }
        return out;
    }

    private static long idFor(String s, PluginInfo source) {
        return source != null && s.equals(source.eventSource()) && source.id() != null && source.id() != 0
                ? source.id() : Reproducer.FUZZ_PLUGIN_ID;
    }

    /** The source of execution {@code exec}: they take turns. */
    static FuzzSource forExecution(List<FuzzSource> sources, long exec) {
        return sources.get((int) Math.floorMod(exec, (long) sources.size()));
    }
}

package dev.scapula.replayer.verify;

import dev.scapula.plugin.Plugin;
import dev.scapula.replayer.Compatibility;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.plugin.table.StateTable;
import dev.scapula.plugin.table.TableRegistry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One independent instance of every plugin under test, each loaded from its own copy of the
 * plugin file ({@link Plugin#loadCopy}) so no globals are shared with another set.
 */
final class PluginSet implements AutoCloseable {
    /** A loaded plugin with what verify calls on it. */
    record Member(Plugin plugin, Parser parser, Extractor extractor, List<FieldRequest> requests,
            Compatibility parses, Compatibility extracts, Accepts parsing, Accepts extracting) {
        Member(Plugin plugin, Parser parser, Extractor extractor, List<FieldRequest> requests, Compatibility parses,
                Compatibility extracts) {
            this(plugin, parser, extractor, requests, parses, extracts,
                    parses == null ? null : new Accepts(parses), extracts == null ? null : new Accepts(extracts));
        }

        /** Whether the parser takes the event: {@link Compatibility#accepts}. */
        boolean parsesEvent(int type, String source) {
            return parsing.test(type, source);
        }

        /** Whether the extractor takes the event: {@link Compatibility#accepts}. */
        boolean extractsEvent(int type, String source) {
            return extracting.test(type, source);
        }
    }

    /**
     * {@link Compatibility#accepts} with its last answer kept: verify asks it per event, instance
     * and extraction, and events in a row are mostly of one type and source (the same String).
     */
    static final class Accepts {
        private final Compatibility compatibility;
        private int type;
        private String source;
        private boolean answer;

        Accepts(Compatibility compatibility) {
            this.compatibility = compatibility;
        }

        boolean test(int type, String source) {
            if (source == null || source != this.source || type != this.type) {
                answer = compatibility.accepts(type, source);
                this.type = type;
                this.source = source;
            }
            return answer;
        }
    }

    final List<Member> members = new ArrayList<>();
    /** The set's state tables: the host's threads table and every table its plugins register. */
    private final TableRegistry tables = new TableRegistry();
    /** "table NAME" per table, by identity (a table withdrawn and registered again under its name is a new one). */
    private final Map<StateTable, String> labels = new IdentityHashMap<>();
    /** The tables as last listed, and the registry's change count then. */
    private List<StateTable> listed = List.of();
    private long listedAt = -1;
    /** The last digests returned: returned again while every table and digest is the same. */
    private List<String[]> lastDigests;

    PluginSet(List<PluginSpec> specs, List<String> fieldSpecs) throws PluginException {
        try {
            for (PluginSpec spec : specs) {
                Plugin p = Plugin.loadCopy(spec.path());
                members.add(new Member(p, null, null, List.of(), null, null));
                p.init(spec.initConfig(), tables);
                Parser parser = p.info().capabilities().contains(Capability.PARSING) ? new Parser(p) : null;
                Extractor extractor = null;
                List<FieldRequest> requests = new ArrayList<>();
                if (p.info().capabilities().contains(Capability.EXTRACTION)) {
                    extractor = new Extractor(p);
                    requests = FieldRequest.select(p.info(), fieldSpecs, fieldSpecs.isEmpty());
                }
                members.set(members.size() - 1, new Member(p, parser, extractor, List.copyOf(requests),
                        parser == null ? null : Compatibility.parsing(p),
                        extractor == null ? null : Compatibility.extraction(p)));
            }
        } catch (PluginException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Digests of every state table, host tables included, as {owner, "table NAME", digest}. */
    List<String[]> tableDigests() throws PluginException {
        long changes = tables.changes();
        if (changes != listedAt) {
            listed = tables.tables();
            listedAt = changes;
            lastDigests = null;
        }
        List<StateTable> all = listed;
        // verify digests every table two or three times per event, and most events change no
        // table: the same digests are returned as the same list, not built again.
        List<String[]> last = lastDigests;
        int i = 0;
        String digest = null;
        if (last != null) {
            while (i < all.size() && (digest = all.get(i).digest()).equals(last.get(i)[2])) {
                i++;
            }
            if (i == all.size()) {
                return last;
            }
        }
        List<String[]> out = new ArrayList<>(all.size());
        for (int k = 0; k < all.size(); k++) {
            StateTable t = all.get(k);
            // Each table is digested once per call: those before i already were, table i too when last is set.
            String d = k < i ? last.get(k)[2] : k == i && last != null ? digest : t.digest();
            // The label is made once per table.
            out.add(new String[] {t.owner(), labels.computeIfAbsent(t, x -> "table " + x.name()), d});
        }
        lastDigests = out;
        return out;
    }

    @Override
    public void close() {
        // Every plugin is closed even if one fails; the first failure is thrown after.
        RuntimeException first = null;
        for (Member m : members) {
            try {
                m.plugin().close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

package dev.scapula.replayer.diff;

import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.PluginInfo;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.replayer.Compatibility;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays the same captures through two versions of one plugin side by side, in one process,
 * and says which semver bump the differences need: patch always; minor when fields were added;
 * major when a field was removed or changed type, list-ness or argument, or when its values
 * changed on the same input (a changed meaning), unless that change was declared intended.
 */
public final class VersionDiff {
    private static final int EXAMPLES = 3;

    private final Path oldPlugin;
    private final Path newPlugin;
    private final String initConfig;
    private final Set<String> allowedValueChanges;

    public VersionDiff(Path oldPlugin, Path newPlugin, String initConfig, Set<String> allowedValueChanges) {
        this.oldPlugin = oldPlugin;
        this.newPlugin = newPlugin;
        this.initConfig = initConfig;
        this.allowedValueChanges = Set.copyOf(allowedValueChanges);
    }

    public DiffReport diff(List<Path> captures) throws IOException, PluginException {
        // Each version from its own file copy, so the two load side by side with their own globals.
        try (Plugin a = Plugin.loadCopy(oldPlugin); Plugin b = Plugin.loadCopy(newPlugin)) {
            a.init(initConfig);
            b.init(initConfig);
            checkAllowed(a.info(), b.info());
            List<String> identity = identityChanges(a.info(), b.info());
            List<FieldChange> schema = schemaChanges(a.info(), b.info());
            List<String> common = new ArrayList<>();
            for (PluginInfo.Field f : a.info().fields()) {
                boolean sameShape = b.info().fields().stream().anyMatch(g -> g.name().equals(f.name())
                        && g.type().equals(f.type()) && g.list() == f.list() && g.arg().equals(f.arg()));
                if (sameShape && !f.arg().startsWith("required")) {
                    common.add(f.name());
                }
            }
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, List<FieldChange.Example>> examples = new LinkedHashMap<>();
            Tally tally = new Tally(common);
            long events = 0;
            for (Path capture : captures) {
                events += replay(capture, a, b, common, counts, examples, tally);
            }
            List<FieldChange> values = new ArrayList<>();
            for (String f : common) {
                long n = counts.getOrDefault(f, new long[1])[0];
                if (n > 0) {
                    values.add(new FieldChange(f, "values", allowedValueChanges.contains(f)
                            ? "changed values, declared intended (--allow-value-change)" : "changed values on the same events",
                            n, examples.getOrDefault(f, List.of())));
                }
            }
            List<String> reasons = new ArrayList<>();
            Bump required = verdict(schema, values, identity, reasons);
            SemverChange change = SemverChange.between(a.info().version(), b.info().version());
            Bump made = change.made();
            if (change.why() != null && change.allows().compareTo(required) >= 0 && made.compareTo(required) < 0) {
                reasons.add("allowed: " + change.why());
            }
            return new DiffReport(a.info().name(), a.info().version(), b.info().version(), identity, schema, values,
                    events, required, made, reasons, tally.counts(), tally.nothingCompared(a, b, events));
        }
    }

    /** Every --allow-value-change name must be a field one of the versions declares: a typo is no pass. */
    private void checkAllowed(PluginInfo a, PluginInfo b) throws PluginException {
        FieldCatalog catalog = FieldCatalog.of(List.of(a, b), List.of());
        for (String f : new java.util.TreeSet<>(allowedValueChanges)) {
            if (f.contains("[")) {
                throw new PluginException("--allow-value-change " + f + ": diff compares fields that need no "
                        + "argument, by name: give the name alone");
            }
            catalog.check("--allow-value-change", f);
        }
    }

    /** What the replay compared: plugin events seen, events extracted, and per common field the events with a value. */
    private static final class Tally {
        private final Map<String, long[]> values = new LinkedHashMap<>();
        private long seen;
        private long extracted;

        Tally(List<String> common) {
            common.forEach(f -> values.put(f, new long[2]));
        }

        void value(String field, boolean inOld, boolean inNew) {
            long[] c = values.get(field);
            c[0] += inOld ? 1 : 0;
            c[1] += inNew ? 1 : 0;
        }

        List<ValueCount> counts() {
            List<ValueCount> out = new ArrayList<>();
            values.forEach((f, c) -> out.add(new ValueCount(f, c[0], c[1])));
            return out;
        }

        String nothingCompared(Plugin a, Plugin b, long events) {
            if (values.values().stream().anyMatch(c -> c[0] > 0 || c[1] > 0)) {
                return null;
            }
            if (seen == 0) {
                return "the captures have no plugin events";
            }
            if (events == 0) {
                return String.format("none of the %,d plugin events has a source the captures' manifests name", seen);
            }
            if (values.isEmpty()) {
                return "the two versions have no common field that needs no argument";
            }
            if (extracted == 0) {
                return String.format("neither version extracts from the source of any of the %,d events "
                        + "(old extracts %s, new %s)", events, sources(a), sources(b));
            }
            return String.format("no common field had a value on any of the %,d events, in either version", extracted);
        }

        private static String sources(Plugin p) {
            return p.info().capabilities().contains(Capability.EXTRACTION)
                    ? (p.info().extractEventSources().isEmpty() ? "any source" : String.join(", ",
                            p.info().extractEventSources()))
                    : "nothing";
        }
    }

    private static List<String> identityChanges(PluginInfo a, PluginInfo b) {
        List<String> out = new ArrayList<>();
        compare(out, "name", a.name(), b.name());
        compare(out, "id", a.id(), b.id());
        compare(out, "event source", a.eventSource(), b.eventSource());
        compare(out, "required API version", a.requiredApiVersion(), b.requiredApiVersion());
        compare(out, "extract sources", a.extractEventSources(), b.extractEventSources());
        compare(out, "parse sources", a.parseEventSources(), b.parseEventSources());
        return out;
    }

    private static void compare(List<String> out, String what, Object x, Object y) {
        if (!Objects.equals(x, y)) {
            out.add(what + ": " + x + " -> " + y);
        }
    }

    private static List<FieldChange> schemaChanges(PluginInfo a, PluginInfo b) {
        List<FieldChange> out = new ArrayList<>();
        Map<String, PluginInfo.Field> newFields = new LinkedHashMap<>();
        b.fields().forEach(f -> newFields.put(f.name(), f));
        for (PluginInfo.Field f : a.fields()) {
            PluginInfo.Field g = newFields.remove(f.name());
            if (g == null) {
                out.add(new FieldChange(f.name(), "removed", f.type(), 0, List.of()));
                continue;
            }
            List<String> what = new ArrayList<>();
            if (!f.type().equals(g.type())) {
                what.add("type " + f.type() + " -> " + g.type());
            }
            if (f.list() != g.list()) {
                what.add("list " + f.list() + " -> " + g.list());
            }
            if (!f.arg().equals(g.arg())) {
                what.add("argument '" + f.arg() + "' -> '" + g.arg() + "'");
            }
            if (!f.description().equals(g.description())) {
                what.add("description changed");
            }
            if (!what.isEmpty()) {
                out.add(new FieldChange(f.name(), "changed", String.join(", ", what), 0, List.of()));
            }
        }
        newFields.values().forEach(g -> out.add(new FieldChange(g.name(), "added", g.type(), 0, List.of())));
        return out;
    }

    private Bump verdict(List<FieldChange> schema, List<FieldChange> values, List<String> identity,
            List<String> reasons) {
        Bump required = Bump.PATCH;
        reasons.add("patch: every release bumps at least the patch version");
        for (FieldChange c : schema) {
            boolean breaking = c.kind().equals("removed")
                    || (c.kind().equals("changed") && !c.detail().equals("description changed"));
            if (breaking) {
                required = Bump.MAJOR;
                reasons.add("major: field " + c.field() + " " + c.kind() + " (" + c.detail() + ")");
            } else if (c.kind().equals("added")) {
                required = required.compareTo(Bump.MINOR) < 0 ? Bump.MINOR : required;
                reasons.add("minor: field " + c.field() + " added");
            }
        }
        for (FieldChange v : values) {
            if (!allowedValueChanges.contains(v.field())) {
                required = Bump.MAJOR;
                reasons.add("major: field " + v.field() + " changed its values on " + v.eventsChanged()
                        + " events (a changed meaning)");
            }
        }
        if (identity.stream().anyMatch(s -> s.startsWith("id") || s.startsWith("event source") || s.startsWith("name"))) {
            required = Bump.MAJOR;
            reasons.add("major: the plugin's identity changed (" + String.join("; ", identity) + ")");
        }
        return required;
    }

    private long replay(Path capture, Plugin a, Plugin b, List<String> common, Map<String, long[]> counts,
            Map<String, List<FieldChange.Example>> examples, Tally tally) throws IOException, PluginException {
        boolean extracts = a.info().capabilities().contains(Capability.EXTRACTION)
                && b.info().capabilities().contains(Capability.EXTRACTION) && !common.isEmpty();
        List<FieldRequest> ra = new ArrayList<>();
        List<FieldRequest> rb = new ArrayList<>();
        for (String f : common) {
            ra.add(FieldRequest.parse(a.info(), f));
            rb.add(FieldRequest.parse(b.info(), f));
        }
        Extractor xa = extracts ? new Extractor(a) : null;
        Extractor xb = extracts ? new Extractor(b) : null;
        Compatibility ca = extracts ? Compatibility.extraction(a) : null;
        Compatibility cb = extracts ? Compatibility.extraction(b) : null;
        Parser pa = a.info().capabilities().contains(Capability.PARSING) ? new Parser(a) : null;
        Parser pb = b.info().capabilities().contains(Capability.PARSING) ? new Parser(b) : null;
        long events = 0;
        CallLog.forHost().capture(capture);
        try (CaptureReader reader = CaptureReader.open(capture)) {
            Map<Long, String> sources = new HashMap<>();
            reader.manifest().map(Manifest::plugins).orElse(List.of()).forEach(p -> sources.put(p.id(), p.eventSource()));
            for (Event e = reader.next(); e != null; e = reader.next()) {
                if (!e.isPluginEvent() || e.paramCount() != 2) {
                    continue;
                }
                tally.seen++;
                String source = sources.get(e.pluginId() & 0xffffffffL);
                if (source == null) {
                    continue;
                }
                events++;
                Pointer event = new Pointer(e.address());
                if (pa != null) {
                    pa.parse(event, e.number(), source);
                }
                if (pb != null) {
                    pb.parse(event, e.number(), source);
                }
                // as libsinsp: a version extracts only from the sources it declares (none: no values)
                boolean ea = extracts && ca.accepts(e.type(), source);
                boolean eb = extracts && cb.accepts(e.type(), source);
                if (!ea && !eb) {
                    continue;
                }
                tally.extracted++;
                List<FieldValue> va = ea ? xa.extract(event, e.number(), source, ra, false) : none(ra);
                List<FieldValue> vb = eb ? xb.extract(event, e.number(), source, rb, false) : none(rb);
                for (int i = 0; i < va.size(); i++) {
                    tally.value(common.get(i), va.get(i).present(), vb.get(i).present());
                    if (!va.get(i).values().equals(vb.get(i).values())) {
                        String f = common.get(i);
                        counts.computeIfAbsent(f, k -> new long[1])[0]++;
                        List<FieldChange.Example> ex = examples.computeIfAbsent(f, k -> new ArrayList<>());
                        if (ex.size() < EXAMPLES) {
                            ex.add(new FieldChange.Example(e.number(), va.get(i).values().toString(),
                                    vb.get(i).values().toString()));
                        }
                    }
                }
            }
        }
        return events;
    }

    private static List<FieldValue> none(List<FieldRequest> requests) {
        return requests.stream().map(r -> new FieldValue(r.display(), r.type(), r.list(), List.of(), null, null))
                .toList();
    }
}

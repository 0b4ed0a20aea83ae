package dev.scapula.replayer.verify;

import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.FieldValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proves a plugin deterministic on a capture: two fresh instances fed the same events, event by
 * event, must parse to the same state (table digests) and extract the same values; extracting
 * an event a second time must change neither the values nor the state; and when the recorder
 * stored the live values ({@code record --expect}), the replay must extract exactly those; a
 * later file of a rotated recording, replayed alone, must reach the same values and state as
 * the replay of every file before it. Warnings and notes come with the report, not the verdict.
 */
public final class Verifier {
    /** Check names as the report shows them. */
    public static final String TWO_INSTANCES = "two-instances";
    public static final String EXTRACT_TWICE = "extract-twice";
    public static final String LIVE_VS_REPLAY = "live-vs-replay";
    public static final String ROTATED_FILE = "rotated-file";

    private final List<PluginSpec> plugins;
    private final List<String> fields;
    private final Set<String> ignored;

    public Verifier(List<PluginSpec> plugins, List<String> fields, Set<String> ignoredFields) {
        this.plugins = List.copyOf(plugins);
        this.fields = List.copyOf(fields);
        this.ignored = Set.copyOf(ignoredFields);
    }

    /** Verifies one capture. */
    public VerifyReport verify(Path capture) throws IOException, PluginException {
        return verify(List.of(capture));
    }

    /**
     * Verifies captures as one stream, in order; when there are several (the files of a rotated
     * recording), each later file is also replayed alone by fresh instances, which must reach
     * the same values and state as the continuous replay ({@link #ROTATED_FILE}).
     */
    public VerifyReport verify(List<Path> captures) throws IOException, PluginException {
        Map<String, Divergence> first = new LinkedHashMap<>();
        Map<String, Long> byField = new LinkedHashMap<>();
        long events = 0;
        long lastParsed = 0;
        Long lastBeforeFirst = null;
        List<String> checks = new ArrayList<>(List.of(TWO_INSTANCES, EXTRACT_TWICE));
        if (captures.size() > 1) {
            checks.add(ROTATED_FILE);
        }
        Advisories advice = new Advisories();
        Coverage coverage;
        try (PluginSet a = new PluginSet(plugins, fields); PluginSet b = new PluginSet(plugins, fields)) {
            checkFields(a);
            coverage = new Coverage(a, ignored);
            advice.checkDumpState(a);
            for (int k = 0; k < captures.size(); k++) {
                Path capture = captures.get(k);
                String file = captures.size() > 1 ? capture.getFileName().toString() : null;
                CallLog.forHost().capture(capture);
                try (CaptureReader reader = CaptureReader.open(capture);
                        LiveValues live = LiveValues.of(capture, ignored);
                        PluginSet alone = k > 0 ? new PluginSet(plugins, fields) : null) {
                    if (live.present() && !checks.contains(LIVE_VS_REPLAY)) {
                        checks.add(0, LIVE_VS_REPLAY);
                    }
                    advice.checkManifest(reader, a, capture);
                    Map<Long, String> sources = sources(reader, a);
                    for (Event e = reader.next(); e != null; e = reader.next()) {
                        if (!(e.isPluginEvent() && e.paramCount() == 2) && !(e.isAsyncEvent() && e.paramCount() == 3)) {
                            continue;
                        }
                        events++;
                        long id = e.pluginId() & 0xffffffffL;
                        String source = id == 0 ? "syscall" : sources.get(id);
                        coverage.event(id, source);
                        if (source == null) {
                            continue;
                        }
                        long parsedBefore = lastParsed;
                        Pointer event = new Pointer(e.address());
                        boolean parsed = parse(a, event, e, source) | parse(b, event, e, source);
                        if (alone != null) {
                            parse(alone, event, e, source);
                        }
                        if (parsed) {
                            lastParsed = e.number();
                        }
                        boolean took = parsed;
                        List<Divergence> found = new ArrayList<>();
                        // a's state after parsing, digested once: compared with the other
                        // instances now, and after extraction (which must not change it)
                        List<String[]> parsedState = a.tableDigests();
                        coverage.state(parsedState);
                        compareDigests(parsedState, b.tableDigests(), e, TWO_INSTANCES, found);
                        if (alone != null) {
                            compareDigests(parsedState, alone.tableDigests(), e, ROTATED_FILE, found);
                        }
                        if (e.isPluginEvent()) {
                            List<List<FieldValue>> va = extract(a, event, e, source);
                            List<List<FieldValue>> vb = extract(b, event, e, source);
                            coverage.values(a, va);
                            took |= va.stream().anyMatch(v -> !v.isEmpty());
                            live.compare(e, a, va, found);
                            compareValues(a, va, vb, e, TWO_INSTANCES, found);
                            if (alone != null) {
                                compareValues(a, va, extract(alone, event, e, source), e, ROTATED_FILE, found);
                            }
                            List<List<FieldValue>> again = extract(a, event, e, source);
                            compareValues(a, va, again, e, EXTRACT_TWICE, found);
                            compareDigests(parsedState, a.tableDigests(), e, EXTRACT_TWICE, found);
                            // keep the instances in step: the others extract twice too
                            extract(b, event, e, source);
                            if (alone != null) {
                                extract(alone, event, e, source);
                            }
                        }
                        if (took) {
                            coverage.applied();
                        }
                        for (Divergence d : found) {
                            Divergence located = d.in(file);
                            first.putIfAbsent(located.check(), located);
                            byField.merge(d.check() + " " + d.plugin() + " " + d.what(), 1L, Long::sum);
                            if (lastBeforeFirst == null && parsedBefore > 0) {
                                lastBeforeFirst = parsedBefore;
                            }
                        }
                    }
                }
            }
            advice.noteEmptyFields(coverage);
        }
        List<Divergence> firsts = new ArrayList<>(first.values());
        firsts.sort(java.util.Comparator.comparingInt(d -> checks.indexOf(d.check())));
        return new VerifyReport(events, List.copyOf(checks), firsts, byField, lastBeforeFirst, advice.warnings(),
                advice.notes(), coverage.fieldCounts(), coverage.nothingCompared(events, captures.size()));
    }

    /** Every field named by -f or --ignore-field must be one a loaded plugin provides: a typo is no pass. */
    private void checkFields(PluginSet set) throws PluginException {
        FieldCatalog catalog = FieldCatalog.of(set.members.stream().filter(m -> m.extractor() != null)
                .map(m -> m.plugin().info()).toList(), List.of());
        catalog.checkAll("-f", fields);
        catalog.checkAll("--ignore-field", new TreeSet<>(ignored));
    }

    private static Map<Long, String> sources(CaptureReader reader, PluginSet set) {
        Map<Long, String> sources = new HashMap<>();
        reader.manifest().map(Manifest::plugins).orElse(List.of())
                .forEach(p -> sources.put(p.id(), p.eventSource()));
        for (PluginSet.Member m : set.members) {
            if (m.plugin().info().id() != null && m.plugin().info().id() != 0) {
                sources.put(m.plugin().info().id(), m.plugin().info().eventSource());
            }
        }
        return sources;
    }

    private static boolean parse(PluginSet set, Pointer event, Event e, String source) throws PluginException {
        boolean any = false;
        for (PluginSet.Member m : set.members) {
            if (m.parser() != null && m.parses().accepts(e.type(), source)) {
                m.parser().parse(event, e.number(), source);
                any = true;
            }
        }
        return any;
    }

    private static List<List<FieldValue>> extract(PluginSet set, Pointer event, Event e, String source)
            throws PluginException {
        List<List<FieldValue>> out = new ArrayList<>();
        for (PluginSet.Member m : set.members) {
            if (m.extractor() != null && !m.requests().isEmpty() && m.extracts().accepts(e.type(), source)) {
                out.add(m.extractor().extract(event, e.number(), source, m.requests(), false));
            } else {
                out.add(List.of());
            }
        }
        return out;
    }

    private void compareValues(PluginSet set, List<List<FieldValue>> x, List<List<FieldValue>> y, Event e,
            String check, List<Divergence> found) {
        for (int p = 0; p < x.size(); p++) {
            for (int f = 0; f < x.get(p).size(); f++) {
                FieldValue vx = x.get(p).get(f);
                FieldValue vy = y.get(p).get(f);
                if (!ignored.contains(vx.field()) && !vx.values().equals(vy.values())) {
                    found.add(new Divergence(check, e.number(), e.timestamp(), set.members.get(p).plugin().name(),
                            "field " + vx.field(), vx.values().toString(), vy.values().toString()));
                }
            }
        }
    }

    private static void compareDigests(List<String[]> x, List<String[]> y, Event e, String check,
            List<Divergence> found) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!x.get(i)[2].equals(y.get(i)[2])) {
                found.add(new Divergence(check, e.number(), e.timestamp(), x.get(i)[0], x.get(i)[1],
                        x.get(i)[2].substring(0, 12), y.get(i)[2].substring(0, 12)));
            }
        }
    }
}

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proves a plugin deterministic on a capture: two fresh instances fed the same events (each
 * instance a run of events at a time, see {@link EventRun}) must, after every event, be in the
 * same state (table digests) and have extracted the same values; extracting
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
    /** How a divergence names a field (the alternative is a table). */
    private static final String FIELD_PREFIX = "field ";

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
        Tally tally = new Tally();
        List<String> checks = new ArrayList<>(List.of(TWO_INSTANCES, EXTRACT_TWICE));
        if (captures.size() > 1) {
            checks.add(ROTATED_FILE);
        }
        Advisories advice = new Advisories();
        Coverage coverage;
        EventRun run = new EventRun();
        try (PluginSet a = new PluginSet(plugins, fields); PluginSet b = new PluginSet(plugins, fields)) {
            checkFields(a);
            coverage = new Coverage(a, ignored);
            advice.checkDumpState(a);
            for (int k = 0; k < captures.size(); k++) {
                Path capture = captures.get(k);
                String file = captures.size() > 1 ? capture.getFileName().toString() : null;
                CallLog.forHost().capture(capture);
                try (CaptureReader reader = CaptureReader.open(capture);
                        LiveValues live = LiveValues.of(capture, a, ignored, advice);
                        PluginSet alone = k > 0 ? new PluginSet(plugins, fields) : null) {
                    if (live.present() && !checks.contains(LIVE_VS_REPLAY)) {
                        checks.add(0, LIVE_VS_REPLAY);
                    }
                    advice.checkManifest(reader, a, capture);
                    Map<Long, String> sources = sources(reader, a);
                    Instances instances = new Instances(a, b, alone, live, advice, coverage, file);
                    for (Event e = reader.next(); e != null; e = reader.next()) {
                        if (!(e.isPluginEvent() && e.paramCount() == 2) && !(e.isAsyncEvent() && e.paramCount() == 3)) {
                            continue;
                        }
                        tally.events++;
                        long id = e.pluginId() & 0xffffffffL;
                        String source = id == 0 ? "syscall" : sources.get(id);
                        coverage.event(id, source);
                        if (source == null) {
                            continue;
                        }
                        run.add(e, source);
                        if (run.full()) {
                            feed(run, instances, tally);
                        }
                    }
                    feed(run, instances, tally);
                    live.finish(advice);
                    if (live.present()) {
                        tally.liveCompared = (tally.liveCompared == null ? 0 : tally.liveCompared)
                                + live.eventsCompared();
                    }
                }
            }
            advice.noteEmptyFields(coverage);
        }
        List<Divergence> firsts = new ArrayList<>(tally.first.values());
        firsts.sort(java.util.Comparator.comparingInt(d -> checks.indexOf(d.check())));
        List<FieldCount> counts = coverage.fieldCounts().stream()
                .map(c -> c.withDiverging(tally.divergingEvents.getOrDefault(c.plugin() + "\t" + c.field(), 0L)))
                .toList();
        return new VerifyReport(tally.events, List.copyOf(checks), firsts, tally.byField, tally.lastBeforeFirst,
                advice.warnings(), advice.notes(), counts,
                coverage.nothingCompared(tally.events, captures.size()), tally.liveCompared);
    }

    /** Every field named by -f or --ignore-field must be one a loaded plugin provides: a typo is no pass. */
    private void checkFields(PluginSet set) throws PluginException {
        FieldCatalog catalog = FieldCatalog.of(set.members.stream().filter(m -> m.extractor() != null)
                .map(m -> m.plugin().info()).toList(), List.of());
        catalog.checkAll("-f", fields);
        catalog.checkAll("--ignore-field", new TreeSet<>(ignored));
    }

    /** What one verify has counted and found so far. */
    private static final class Tally {
        final Map<String, Divergence> first = new LinkedHashMap<>();
        final Map<String, Long> byField = new LinkedHashMap<>();
        /** Per "plugin TAB field": events on which any check diverged on that field, each event once. */
        final Map<String, Long> divergingEvents = new HashMap<>();
        long events;
        long lastParsed;
        Long lastBeforeFirst;
        Long liveCompared;
    }

    /** The instances fed one capture, and where their findings go. */
    private record Instances(PluginSet a, PluginSet b, PluginSet alone, LiveValues live, Advisories advice,
            Coverage coverage, String file) {
    }

    /** What one instance did with one event: the state after parsing, two extractions, the state after them. */
    private record Step(boolean parsed, List<String[]> parsedState, List<List<FieldValue>> values,
            List<List<FieldValue>> again, List<String[]> extractedState) {
    }

    /**
     * Feeds the run to each instance in turn, then compares them event by event, in event
     * order: the same calls, per instance, as feeding every instance one event at a time, and
     * the same first divergence.
     */
    private void feed(EventRun run, Instances in, Tally tally) throws IOException, PluginException {
        if (run.isEmpty()) {
            return;
        }
        List<Step> sa = steps(in.a(), run, true);
        List<Step> sb = steps(in.b(), run, false);
        List<Step> sl = in.alone() == null ? null : steps(in.alone(), run, false);
        List<EventRun.Item> items = run.items();
        for (int i = 0; i < items.size(); i++) {
            EventRun.Item e = items.get(i);
            Step x = sa.get(i);
            Step y = sb.get(i);
            long parsedBefore = tally.lastParsed;
            boolean took = x.parsed() || y.parsed();
            if (took) {
                tally.lastParsed = e.number();
            }
            in.coverage().state(x.parsedState());
            List<Divergence> found = new ArrayList<>();
            compareDigests(x.parsedState(), y.parsedState(), e, TWO_INSTANCES, found);
            if (sl != null) {
                compareDigests(x.parsedState(), sl.get(i).parsedState(), e, ROTATED_FILE, found);
            }
            if (e.pluginEvent()) {
                in.coverage().values(in.a(), x.values());
                took |= x.values().stream().anyMatch(v -> !v.isEmpty());
                in.live().compare(e.number(), e.timestamp(), in.a(), x.values(), found);
                compareValues(in.a(), x.values(), y.values(), e, TWO_INSTANCES, found);
                if (sl != null) {
                    compareValues(in.a(), x.values(), sl.get(i).values(), e, ROTATED_FILE, found);
                }
                compareValues(in.a(), x.values(), x.again(), e, EXTRACT_TWICE, found);
                compareDigests(x.parsedState(), x.extractedState(), e, EXTRACT_TWICE, found);
            }
            if (took) {
                in.coverage().applied();
            }
            Set<String> divergedFields = new HashSet<>();
            for (Divergence d : found) {
                if (d.what().startsWith(FIELD_PREFIX)) {
                    divergedFields.add(d.plugin() + "\t" + d.what().substring(FIELD_PREFIX.length()));
                }
                Divergence located = d.in(in.file());
                tally.first.putIfAbsent(located.check(), located);
                tally.byField.merge(d.check() + " " + d.plugin() + " " + d.what(), 1L, Long::sum);
                if (tally.lastBeforeFirst == null && parsedBefore > 0) {
                    tally.lastBeforeFirst = parsedBefore;
                }
            }
            divergedFields.forEach(k -> tally.divergingEvents.merge(k, 1L, Long::sum));
        }
        run.clear();
    }

    /**
     * One instance's pass over the run: per event, parse, digest the state, extract twice (the
     * other instances extract twice too, to stay in step with the first) and, for the first
     * instance, digest the state again.
     */
    private static List<Step> steps(PluginSet set, EventRun run, boolean digestAfterExtraction)
            throws PluginException {
        List<Step> steps = new ArrayList<>(run.items().size());
        for (EventRun.Item e : run.items()) {
            Pointer event = run.event(e);
            boolean parsed = parse(set, event, e);
            List<String[]> state = set.tableDigests();
            List<List<FieldValue>> values = null;
            List<List<FieldValue>> again = null;
            List<String[]> after = null;
            if (e.pluginEvent()) {
                values = extract(set, event, e);
                again = extract(set, event, e);
                after = digestAfterExtraction ? set.tableDigests() : null;
            }
            steps.add(new Step(parsed, state, values, again, after));
        }
        return steps;
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

    private static boolean parse(PluginSet set, Pointer event, EventRun.Item e) throws PluginException {
        boolean any = false;
        for (PluginSet.Member m : set.members) {
            if (m.parser() != null && m.parses().accepts(e.type(), e.source())) {
                m.parser().parse(event, e.number(), e.source());
                any = true;
            }
        }
        return any;
    }

    private static List<List<FieldValue>> extract(PluginSet set, Pointer event, EventRun.Item e)
            throws PluginException {
        List<List<FieldValue>> out = new ArrayList<>();
        for (PluginSet.Member m : set.members) {
            if (m.extractor() != null && !m.requests().isEmpty() && m.extracts().accepts(e.type(), e.source())) {
                out.add(m.extractor().extract(event, e.number(), e.source(), m.requests(), false));
            } else {
                out.add(List.of());
            }
        }
        return out;
    }

    private void compareValues(PluginSet set, List<List<FieldValue>> x, List<List<FieldValue>> y, EventRun.Item e,
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

    private static void compareDigests(List<String[]> x, List<String[]> y, EventRun.Item e, String check,
            List<Divergence> found) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!x.get(i)[2].equals(y.get(i)[2])) {
                found.add(new Divergence(check, e.number(), e.timestamp(), x.get(i)[0], x.get(i)[1],
                        x.get(i)[2].substring(0, 12), y.get(i)[2].substring(0, 12)));
            }
        }
    }
}

package dev.scapula.replayer.verify;

import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.ExtractedValues;
import dev.scapula.plugin.extract.FieldValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
            Steps sa = new Steps(a, true);
            Steps sb = new Steps(b, false);
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
                    Instances instances = new Instances(sa, sb, alone == null ? null : new Steps(alone, false), live,
                            advice, coverage, file);
                    // Consecutive events mostly come from one plugin: its source is looked up once per change.
                    long lastId = -1;
                    String source = null;
                    for (Event e = reader.next(); e != null; e = reader.next()) {
                        if (!(e.isPluginEvent() && e.paramCount() == 2) && !(e.isAsyncEvent() && e.paramCount() == 3)) {
                            continue;
                        }
                        tally.events++;
                        long id = e.pluginId() & 0xffffffffL;
                        if (id != lastId) {
                            source = id == 0 ? "syscall" : sources.get(id);
                            lastId = id;
                            coverage.event(id, source);
                        }
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
    private record Instances(Steps a, Steps b, Steps alone, LiveValues live, Advisories advice,
            Coverage coverage, String file) {
    }

    /**
     * What one instance did with each event of a run, kept for the next run to refill: whether
     * it parsed, the state after parsing, per member the two extractions (null when the member
     * did not extract the event), and, for the first instance, the state after them.
     */
    private static final class Steps {
        final PluginSet set;
        final boolean digestAfterExtraction;
        boolean[] parsed = new boolean[0];
        List<String[]>[] parsedState = newStates(0);
        List<String[]>[] extractedState = newStates(0);
        ExtractedValues[][] values = new ExtractedValues[0][];
        ExtractedValues[][] again = new ExtractedValues[0][];
        /** Per event and member: the values, or null for a member that did not extract it. */
        ExtractedValues[][] extracted = new ExtractedValues[0][];
        ExtractedValues[][] extractedAgain = new ExtractedValues[0][];

        Steps(PluginSet set, boolean digestAfterExtraction) {
            this.set = set;
            this.digestAfterExtraction = digestAfterExtraction;
        }

        @SuppressWarnings("unchecked")
        private static List<String[]>[] newStates(int n) {
            return new List[n];
        }

        private void room(int events) {
            if (parsed.length >= events) {
                return;
            }
            int members = set.members.size();
            parsed = new boolean[events];
            parsedState = newStates(events);
            extractedState = newStates(events);
            values = fresh(events);
            again = fresh(events);
            extracted = new ExtractedValues[events][members];
            extractedAgain = new ExtractedValues[events][members];
        }

        /** Buffers for the members that extract (none for the others, which never fill one). */
        private ExtractedValues[][] fresh(int events) {
            int members = set.members.size();
            ExtractedValues[][] out = new ExtractedValues[events][members];
            for (ExtractedValues[] e : out) {
                for (int m = 0; m < members; m++) {
                    PluginSet.Member member = set.members.get(m);
                    e[m] = member.extractor() != null && !member.requests().isEmpty() ? new ExtractedValues(member.requests().size()) : null;
                }
            }
            return out;
        }

        /**
         * The instance's pass over the run: per event, parse, digest the state, extract twice (the
         * other instances extract twice too, to stay in step with the first) and, for the first
         * instance, digest the state again.
         */
        void run(EventRun run) throws PluginException {
            List<EventRun.Item> items = run.items();
            room(items.size());
            for (int i = 0; i < items.size(); i++) {
                EventRun.Item e = items.get(i);
                Pointer event = run.event(e);
                parsed[i] = parse(set, event, e);
                parsedState[i] = set.tableDigests();
                extractedState[i] = null;
                if (e.pluginEvent()) {
                    extractTwice(set, event, e, values[i], again[i], extracted[i], extractedAgain[i]);
                    extractedState[i] = digestAfterExtraction ? set.tableDigests() : null;
                }
            }
        }
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
        // One call site for every instance, and the comparison in a method of its own: the JIT
        // compiles each once, where inlining three passes and the comparison into one method made
        // a compilation that took 13 MB of compiler memory and raised the peak RSS by as much.
        for (Steps s : in.alone() == null ? new Steps[] {in.a(), in.b()}
                : new Steps[] {in.a(), in.b(), in.alone()}) {
            s.run(run);
        }
        List<EventRun.Item> items = run.items();
        List<Divergence> found = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            compare(items.get(i), i, in, tally, found);
        }
        run.clear();
    }

    /** Compares the instances' steps of event {@code i} of the run and counts what differs. */
    private void compare(EventRun.Item e, int i, Instances in, Tally tally, List<Divergence> found)
            throws IOException {
        Steps sa = in.a();
        Steps sb = in.b();
        Steps sl = in.alone();
        long parsedBefore = tally.lastParsed;
        boolean took = sa.parsed[i] || sb.parsed[i];
        if (took) {
            tally.lastParsed = e.number();
        }
        List<String[]> state = sa.parsedState[i];
        in.coverage().state(state);
        found.clear();
        compareDigests(state, sb.parsedState[i], e, TWO_INSTANCES, found);
        if (sl != null) {
            compareDigests(state, sl.parsedState[i], e, ROTATED_FILE, found);
        }
        if (e.pluginEvent()) {
            ExtractedValues[] x = sa.extracted[i];
            in.coverage().values(x);
            for (ExtractedValues v : x) {
                took |= v != null;
            }
            in.live().compare(e.number(), e.timestamp(), sa.set, x, found);
            compareValues(sa.set, x, sb.extracted[i], e, TWO_INSTANCES, found);
            if (sl != null) {
                compareValues(sa.set, x, sl.extracted[i], e, ROTATED_FILE, found);
            }
            compareValues(sa.set, x, sa.extractedAgain[i], e, EXTRACT_TWICE, found);
            compareDigests(state, sa.extractedState[i], e, EXTRACT_TWICE, found);
        }
        if (took) {
            in.coverage().applied();
        }
        if (!found.isEmpty()) {
            record(found, in.file(), parsedBefore, tally);
        }
    }

    /** Counts one event's divergences and keeps the first of each check. */
    private static void record(List<Divergence> found, String file, long parsedBefore, Tally tally) {
        Set<String> divergedFields = new HashSet<>();
        for (Divergence d : found) {
            if (d.what().startsWith(FIELD_PREFIX)) {
                divergedFields.add(d.plugin() + "\t" + d.what().substring(FIELD_PREFIX.length()));
            }
            Divergence located = d.in(file);
            tally.first.putIfAbsent(located.check(), located);
            tally.byField.merge(d.check() + " " + d.plugin() + " " + d.what(), 1L, Long::sum);
            if (tally.lastBeforeFirst == null && parsedBefore > 0) {
                tally.lastBeforeFirst = parsedBefore;
            }
        }
        divergedFields.forEach(k -> tally.divergingEvents.merge(k, 1L, Long::sum));
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
            if (m.parser() != null && m.parsesEvent(e.type(), e.source())) {
                m.parser().parse(event, e.number(), e.source());
                any = true;
            }
        }
        return any;
    }

    /**
     * Extracts every member's fields twice, as {@link #extract} twice in a row does; when a single
     * member extracts the event, its two calls are made in one crossing into native code.
     */
    private static void extractTwice(PluginSet set, Pointer event, EventRun.Item e, ExtractedValues[] buffers,
            ExtractedValues[] buffersAgain, ExtractedValues[] out, ExtractedValues[] outAgain) throws PluginException {
        int extracting = -1;
        for (int m = 0; m < out.length; m++) {
            PluginSet.Member member = set.members.get(m);
            if (member.extractor() != null && !member.requests().isEmpty()
                    && member.extractsEvent(e.type(), e.source())) {
                if (extracting >= 0) {
                    // Several: each extraction is every member's in turn, as the plugins would see it.
                    extract(set, event, e, buffers, out);
                    extract(set, event, e, buffersAgain, outAgain);
                    return;
                }
                extracting = m;
            }
        }
        Arrays.fill(out, null);
        Arrays.fill(outAgain, null);
        if (extracting >= 0) {
            PluginSet.Member member = set.members.get(extracting);
            member.extractor().extractTwice(event, e.number(), e.source(), member.requests(), buffers[extracting],
                    buffersAgain[extracting]);
            out[extracting] = buffers[extracting];
            outAgain[extracting] = buffersAgain[extracting];
        }
    }

    /** Extracts every member's fields into {@code buffers}; {@code out[m]} is member m's, or null when it did not extract. */
    private static void extract(PluginSet set, Pointer event, EventRun.Item e, ExtractedValues[] buffers,
            ExtractedValues[] out) throws PluginException {
        for (int m = 0; m < out.length; m++) {
            PluginSet.Member member = set.members.get(m);
            if (member.extractor() != null && !member.requests().isEmpty()
                    && member.extractsEvent(e.type(), e.source())) {
                member.extractor().extract(event, e.number(), e.source(), member.requests(), buffers[m]);
                out[m] = buffers[m];
            } else {
                out[m] = null;
            }
        }
    }

    private void compareValues(PluginSet set, ExtractedValues[] x, ExtractedValues[] y, EventRun.Item e,
            String check, List<Divergence> found) {
        for (int p = 0; p < x.length; p++) {
            if (x[p] != null && !x[p].sameBytes(y[p])) {
                // Equal bytes are equal values: only extractions that differ are looked at value by value.
                compareFields(set.members.get(p).plugin().name(), x[p], y[p], e, check, found);
            }
        }
    }

    /** Compares two extractions whose bytes differ value by value, as the report shows values. */
    private void compareFields(String plugin, ExtractedValues x, ExtractedValues y, EventRun.Item e, String check,
            List<Divergence> found) {
        List<FieldValue> xs = x.values();
        List<FieldValue> ys = y.values();
        for (int f = 0; f < xs.size(); f++) {
            FieldValue vx = xs.get(f);
            FieldValue vy = ys.get(f);
            if (!ignored.contains(vx.field()) && !vx.values().equals(vy.values())) {
                found.add(new Divergence(check, e.number(), e.timestamp(), plugin, "field " + vx.field(),
                        vx.values().toString(), vy.values().toString()));
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

package dev.scapula.checks.fuzz;

import com.sun.jna.Memory;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.event.EventTypes;
import dev.scapula.capture.event.PluginEventLayout;
import dev.scapula.checks.isolate.Worker;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.ReturnCode;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.isolate.PluginCall;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.replayer.Compatibility;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's side of {@code scapula fuzz}: hands the target plugin one made-up plugin event per
 * execution, parsed first when it parses that source, then every field it can extract without an
 * argument (or with index 0). A failure return is the plugin's right on garbage input; a crash
 * kills the worker (the parent reports it), and garbage results are noted as a finding.
 * The event is laid out as {@link PluginEventLayout} describes.
 */
public final class FuzzTarget implements AutoCloseable {
    private static final int SEEDS_FROM_SOURCE = 256;
    private static final int SEEDS_FROM_CAPTURES = 1024;

    private final Plugin target;
    private final Plugin source;
    private final List<FuzzSource> sources;
    private final Parser parser;
    private final Compatibility parsing;
    private final Extractor extractor;
    private final Compatibility extraction;
    private final List<FieldRequest> requests;
    private final CallLog log;

    /** Loads and initialises the target (and the source plugin, if any, beside it, sharing state tables). */
    public FuzzTarget(Path targetFile, String targetConfig, Path sourceFile, String sourceConfig)
            throws PluginException {
        this.target = Plugin.load(targetFile);
        Plugin src = null;
        try {
            var tables = new dev.scapula.plugin.table.TableRegistry();
            if (sourceFile != null) {
                src = Plugin.load(sourceFile);
                src.init(sourceConfig, tables);
            }
            target.init(targetConfig, tables);
            this.source = src;
            this.sources = FuzzSource.of(target.info(), src == null ? null : src.info());
            boolean parses = target.info().capabilities().contains(Capability.PARSING);
            boolean extracts = target.info().capabilities().contains(Capability.EXTRACTION);
            this.parser = parses ? new Parser(target) : null;
            this.parsing = parses ? Compatibility.parsing(target) : null;
            this.extractor = extracts ? new Extractor(target) : null;
            this.extraction = extracts ? Compatibility.extraction(target) : null;
            this.requests = extracts ? requests(target) : List.of();
            this.log = target.callLog();
        } catch (PluginException | RuntimeException e) {
            if (src != null) {
                src.close();
            }
            target.close();
            throw e;
        }
    }

    /** Every field that needs no argument, and index 0 of those that need an index. */
    private static List<FieldRequest> requests(Plugin p) throws PluginException {
        List<String> indexed = new ArrayList<>();
        for (var f : p.info().fields()) {
            if (f.arg().startsWith("required") && f.arg().contains("index")) {
                indexed.add(f.name() + "[0]");
            }
        }
        return FieldRequest.select(p.info(), indexed, true);
    }

    public List<FuzzSource> sources() {
        return sources;
    }

    /** Up to 256 payloads the source plugin makes when opened with {@code openParams}, to mutate. */
    List<byte[]> seedsFromSource(String openParams) throws PluginException {
        List<byte[]> out = new ArrayList<>();
        if (source == null || !source.info().capabilities().contains(Capability.SOURCING)) {
            return out;
        }
        try (SourceInstance in = source.open(openParams)) {
            while (out.size() < SEEDS_FROM_SOURCE) {
                ReturnCode rc = in.nextBatch((event, length) -> {
                    if (out.size() < SEEDS_FROM_SOURCE && length >= PluginEventLayout.PAYLOAD) {
                        out.add(event.getByteArray(PluginEventLayout.PAYLOAD, length - PluginEventLayout.PAYLOAD));
                    }
                });
                if (rc == ReturnCode.EOF) {
                    break;
                }
            }
        }
        return out;
    }

    /** Up to 1024 plugin-event payloads from captures, to mutate. */
    static List<byte[]> seedsFromCaptures(List<Path> captures) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path c : captures) {
            try (CaptureReader r = CaptureReader.open(c)) {
                for (Event e = r.next(); e != null && out.size() < SEEDS_FROM_CAPTURES; e = r.next()) {
                    if (e.type() == EventTypes.PLUGIN_EVENT && e.paramCount() == 2) {
                        out.add(e.paramBytes(1));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The worker's run, as the parent's system properties ({@link Fuzzer}) say: the candidates
     * given, from {@link Worker#first()} on, or executions from {@link Worker#first()} until the last
     * or the deadline, each noted in the call log as progress.
     *
     * @param seed         the run's seed: with the execution number, it alone decides each payload
     * @param seedCaptures captures whose plugin-event payloads are seeds to mutate
     * @param openParams   what the source plugin (if any) is opened with for more seeds
     * @return false when the plugin returned garbage (noted in the call log), true otherwise
     */
    public boolean work(long seed, List<Path> seedCaptures, String openParams) throws PluginException, IOException {
        String candidates = System.getProperty(Fuzzer.CANDIDATES);
        if (candidates != null) {
            FuzzSource s = sources.get(Integer.parseInt(System.getProperty(Fuzzer.SOURCE, "0")));
            List<byte[]> list = Candidates.read(Path.of(candidates));
            for (int i = (int) Worker.first(); i < list.size(); i++) {
                if (!execute(i, s, list.get(i))) {
                    return false;
                }
            }
            return true;
        }
        List<byte[]> seeds = new ArrayList<>(seedsFromCaptures(seedCaptures));
        seeds.addAll(seedsFromSource(openParams));
        PayloadMutator mutator = new PayloadMutator(seed, seeds);
        long deadline = Long.parseLong(System.getProperty(Fuzzer.DEADLINE, Long.toString(Long.MAX_VALUE)));
        long last = Long.parseLong(System.getProperty(Fuzzer.LAST, Long.toString(Long.MAX_VALUE)));
        CallLog host = CallLog.forHost();
        long first = Worker.first();
        for (long exec = first; exec <= last; exec++) {
            if ((exec & 0x3f) == 0 && System.currentTimeMillis() >= deadline) {
                return true;
            }
            if (!execute(exec, FuzzSource.forExecution(sources, exec), mutator.payload(exec))) {
                return false;
            }
            host.progress(exec - first + 1);
        }
        return true;
    }

    /**
     * Runs one execution; returns false when the plugin returned garbage (noted in the call log
     * as a finding for the parent). A plugin's error return is not a finding.
     */
    boolean execute(long exec, FuzzSource s, byte[] payload) {
        log.payload(payload);
        try (Memory event = event(exec, s.pluginId(), payload)) {
            if (parser != null && parsing.accepts(EventTypes.PLUGIN_EVENT, s.name())) {
                try {
                    parser.parse(event, exec, s.name());
                } catch (PluginException refused) {
                    // an error return on a payload it cannot parse is the plugin's right
                }
            }
            if (extractor != null && !requests.isEmpty() && extraction.accepts(EventTypes.PLUGIN_EVENT, s.name())) {
                try {
                    extractor.extract(event, exec, s.name(), requests, false);
                } catch (PluginCallException refused) {
                    // likewise for extraction
                } catch (PluginException garbage) {
                    log.finding(PluginCall.EXTRACT_FIELDS, exec, garbage.getMessage());
                    return false;
                }
            }
        }
        return true;
    }

    private static Memory event(long exec, long pluginId, byte[] payload) {
        Memory m = new Memory(PluginEventLayout.PAYLOAD + Math.max(payload.length, 1));
        m.setLong(EventHeader.TS, exec);
        m.setLong(EventHeader.TID, -1);
        m.setInt(EventHeader.LEN, PluginEventLayout.PAYLOAD + payload.length);
        m.setShort(EventHeader.TYPE, (short) PluginEventLayout.TYPE);
        m.setInt(EventHeader.NPARAMS, PluginEventLayout.PARAM_COUNT);
        m.setInt(PluginEventLayout.PLUGIN_ID_LENGTH, 4);
        m.setInt(PluginEventLayout.PAYLOAD_LENGTH, payload.length);
        m.setInt(PluginEventLayout.PLUGIN_ID, (int) pluginId);
        m.write(PluginEventLayout.PAYLOAD, payload, 0, payload.length);
        return m;
    }

    @Override
    public void close() {
        target.close();
        if (source != null) {
            source.close();
        }
    }
}

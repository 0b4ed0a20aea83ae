package dev.scapula.recorder;

import com.sun.jna.Pointer;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.io.NewFiles;
import dev.scapula.capture.manifest.FileDigest;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.PluginInfo;
import dev.scapula.plugin.ReturnCode;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.plugin.source.StagedBatches;
import dev.scapula.plugin.table.TableRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Records a source plugin's live event stream into a capture, or a rotated series of them: each
 * file has the manifest first, then the dumped state of the async plugins, then events from
 * {@code next_batch} with timestamps and ids set as libscap does; a stop request, the event or
 * time limit, EOF or an error all end with complete, readable files, and complete blocks reach
 * the operating system every {@link RecordingPlan#flushMillis()} so that even a killed recorder
 * leaves a file readable up to the last flush. A fault part-way (the disk full, a file that
 * cannot be created, the plugin failing) ends it with a {@link RecordingFailedException} that
 * lists what is safe on disk; nothing already written is touched again.
 */
public final class Recorder {
    private static final long TIMEOUT_PAUSE_NANOS = 1_000_000L;
    /**
     * At most this many next_batch calls and events in one native call: between two, stop
     * requests, the time limit and progress are looked at (a few milliseconds apart at most).
     */
    private static final int MAX_CALLS = 4096;
    private static final long MAX_EVENTS_PER_CALL = 65_536;

    private final Clock clock;
    private final String version;
    /**
     * The clock is the system's: the native fast path then reads the same clock per event
     * (CLOCK_REALTIME); any other clock is read once per native call, its reading stamping the
     * call's events (a fixed clock gives what it gives per event).
     */
    private final boolean systemClock;

    /** A recorder that stamps events without a timestamp, and names files, by {@code clock}. */
    public Recorder(Clock clock, String version) {
        this.clock = clock;
        this.version = version;
        this.systemClock = clock.equals(Clock.system(clock.getZone()));
    }

    /**
     * Runs the recording until EOF, a limit, or {@code stop} becomes true; {@code progress}
     * hears where it stands after every batch.
     */
    public RecordSummary record(RecordingPlan plan, AtomicBoolean stop, Consumer<RecordStatus> progress)
            throws PluginException, IOException {
        long started = System.nanoTime();
        List<Path> existing = new FileNames(plan.output().toString(), plan.rotation(), clock.getZone()).existing();
        if (!plan.overwrite()) {
            refuseExisting(existing);
        }
        for (Path p : existing) {
            NewFiles.checkCreatable(p, true); // even --force never writes through a link: say so before starting
        }
        try (Plugin plugin = Plugin.load(plan.sourcePlugin())) {
            PluginInfo info = plugin.info();
            // One set of state tables for the source and its companions, as in one Falco process.
            TableRegistry tables = new TableRegistry();
            plugin.init(plan.initConfig(), tables);
            int pluginId = info.id() == null ? 0 : info.id().intValue();
            PluginEventCheck check = new PluginEventCheck(info.name(), pluginId);
            long[] events = {0};
            String[] why = {"end of events (EOF)"};
            try (Companions companions = new Companions(plan.companions(), info.eventSource(), pluginId, tables,
                    plan.dropAsync());
                    LiveExpectations live = plan.expect().isEmpty() ? LiveExpectations.none()
                            : LiveExpectations.of(withCompanions(plugin, companions), info.eventSource(), plan.expect());
                    OutputFiles files = new OutputFiles(plan.output(), plan.rotation(), clock.getZone(),
                            CaptureOptions.plain().withCompression(plan.compression())
                                    .withManifest(manifest(plugin, plan, companions)),
                            plan.overwrite(), TimeUnit.MILLISECONDS.toNanos(plan.flushMillis()), w -> {
                                companions.dumpState(w);
                                live.startFile(w);
                            }, this::nowNanos);
                    SourceInstance source = plugin.open(plan.openParams())) {
                companions.start();
                SourceInstance.EventSink sink = (Pointer e, int len) -> {
                    if (plan.maxEvents() > 0 && events[0] >= plan.maxEvents()) {
                        return;
                    }
                    long ts = check.check(e, len, events[0] + 1);
                    long stamped = ts == EventHeader.UNSET_TIMESTAMP ? nowNanos() : ts;
                    CaptureWriter writer;
                    try {
                        writer = files.writerFor(stamped);
                        writer.writeEncodedPluginEvent(Pointer.nativeValue(e), len, stamped, pluginId);
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    events[0]++;
                    // Parsers and live fields see the event as the file holds it, numbered as a replay numbers it.
                    check.fixUp(e, stamped);
                    companions.parse(e, writer.eventsWritten());
                    try {
                        live.record(e, writer.eventsWritten());
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                };
                LongSupplier clockNanos = this::nowNanos; // made once: the loop runs once per batch
                // Events go straight from the plugin into the file's staging memory unless Java must see
                // each one (parsers, live fields); async events are merged between batches, so with them
                // every call takes one batch, as the per-event path does.
                StagedBatches staged = companions.parses() || !plan.expect().isEmpty() ? null : new StagedBatches();
                int maxCalls = companions.sendsAsync() ? 1 : MAX_CALLS;
                try {
                    while (true) {
                        if (stop.get()) {
                            why[0] = "interrupted";
                            break;
                        }
                        if (plan.maxEvents() > 0 && events[0] >= plan.maxEvents()) {
                            why[0] = "event limit (-n " + plan.maxEvents() + ")";
                            break;
                        }
                        if (plan.maxNanos() > 0 && System.nanoTime() - started >= plan.maxNanos()) {
                            why[0] = "time limit";
                            break;
                        }
                        ReturnCode rc;
                        try {
                            CaptureWriter open = staged == null ? null : files.openWriter();
                            rc = open == null ? source.nextBatch(sink)
                                    : stage(source, staged, open, files, plan, events, maxCalls, pluginId, sink);
                            companions.drain(files, clockNanos, Companions.BETWEEN_BATCHES);
                        } catch (UncheckedIOException io) {
                            throw io.getCause();
                        } finally {
                            files.release();
                        }
                        live.flushEvery(TimeUnit.MILLISECONDS.toNanos(plan.flushMillis()));
                        progress.accept(new RecordStatus(events[0], companions.asyncEvents(), companions.lostAsync(),
                                files.bytes(), files.current()));
                        if (rc == ReturnCode.EOF) {
                            break;
                        }
                        if (rc == ReturnCode.TIMEOUT) {
                            LockSupport.parkNanos(TIMEOUT_PAUSE_NANOS);
                        }
                    }
                    companions.stopAsync();
                    try {
                        companions.drain(files, this::nowNanos, Integer.MAX_VALUE);
                    } finally {
                        files.release();
                    }
                    files.ensureOpen();
                    files.close();
                    live.close();
                } catch (IOException | PluginException | RuntimeException fault) {
                    throw failed(fault, files, events[0]);
                }
                return new RecordSummary(files.files(), events[0], companions.asyncEvents(),
                        companions.lostAsync(), files.bytes(), System.nanoTime() - started, why[0], companions.parseFailures(), companions.firstParseFailure());
            }
        }
    }

    /**
     * One call of the fast path: next_batch as often as the limits allow, the events written as
     * blocks into the open file's staging memory; the events of the last batch it left (one that
     * fails a check, a limit or rotation reached, no room) go to {@code sink}, which handles them
     * as it handles every event on the per-event path.
     */
    private ReturnCode stage(SourceInstance source, StagedBatches staged, CaptureWriter writer, OutputFiles files,
            RecordingPlan plan, long[] events, int maxCalls, int pluginId, SourceInstance.EventSink sink)
            throws PluginException, IOException {
        long left = plan.maxEvents() > 0 ? plan.maxEvents() - events[0] : Long.MAX_VALUE;
        long address = writer.blockAddress();
        staged.ask(address, writer.blockRoom(), Math.min(Math.min(left, files.eventsLeftInFile()), MAX_EVENTS_PER_CALL),
                files.bytesLeftInFile(), files.rotationTimestamp(), maxCalls, pluginId,
                systemClock ? StagedBatches.SYSTEM_CLOCK : nowNanos());
        source.nextBatchesInto(staged);
        // Counted first: they were taken from the plugin even if handing them to the file fails.
        events[0] += staged.events();
        files.counted(staged.events());
        // Taken before anything else is written: the rest of the batch goes after these blocks.
        writer.appendedBlocks(staged.bytes(), staged.events());
        return source.finishBatches(staged, sink);
    }

    /** Refuses, before anything is loaded or written, to record over files that exist. */
    private static void refuseExisting(List<Path> existing) throws FileAlreadyExistsException {
        if (!existing.isEmpty()) {
            String names = existing.stream().limit(3).map(Path::toString).collect(Collectors.joining(", "))
                    + (existing.size() > 3 ? String.format(" and %,d more", existing.size() - 3) : "");
            throw new FileAlreadyExistsException(null, null, names
                    + (existing.size() == 1 ? " exists" : " exist") + "; give --force to overwrite "
                    + (existing.size() == 1 ? "it" : "them") + ", or choose another name");
        }
    }

    /**
     * The fault that ended a recording, with what is safe: the files are closed first (a file
     * whose write failed gets nothing more; a healthy one gets its staged events, since they came
     * before the fault), then the kept files are listed, the interrupted one read back.
     */
    private static RecordingFailedException failed(Exception fault, OutputFiles files, long events) {
        try {
            files.close();
        } catch (IOException | RuntimeException closing) {
            if (closing != fault) {
                fault.addSuppressed(closing);
            }
        }
        String what = fault instanceof IOException io ? StorageFault.explain(io, files.lastStarted())
                : fault.getMessage() != null ? fault.getMessage() : fault.toString();
        return new RecordingFailedException(what, events, files.kept(), fault);
    }

    /**
     * The manifest: the source plugin with its open params, then every companion with its init
     * config, so that a replay can load the same plugins again ({@code --plugins-from-manifest}).
     */
    private Manifest manifest(Plugin source, RecordingPlan plan, Companions companions) throws IOException {
        List<Manifest.PluginEntry> entries = new java.util.ArrayList<>();
        entries.add(entry(source.info(), plan.initConfig(), plan.openParams(), plan.sourcePlugin()));
        List<Plugin> others = companions.plugins();
        for (int i = 0; i < others.size(); i++) {
            RecordingPlan.Companion c = plan.companions().get(i);
            entries.add(entry(others.get(i).info(), c.initConfig(), "", c.path()));
        }
        return new Manifest("scapula", version, nowNanos(), entries);
    }

    private static Manifest.PluginEntry entry(PluginInfo info, String initConfig, String openParams, Path file)
            throws IOException {
        return new Manifest.PluginEntry(info.name(), info.version(), info.id() == null ? 0 : info.id(),
                info.eventSource() == null ? "" : info.eventSource(), info.requiredApiVersion(), initConfig, openParams,
                FileDigest.sha256(file));
    }

    private static List<Plugin> withCompanions(Plugin source, Companions companions) {
        List<Plugin> all = new java.util.ArrayList<>();
        all.add(source);
        all.addAll(companions.plugins());
        return all;
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

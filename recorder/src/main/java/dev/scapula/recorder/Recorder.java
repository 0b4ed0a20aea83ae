package dev.scapula.recorder;

import com.sun.jna.Pointer;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.PluginInfo;
import dev.scapula.plugin.table.TableRegistry;
import dev.scapula.plugin.ReturnCode;
import dev.scapula.plugin.source.SourceInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Records a source plugin's live event stream into a capture: the manifest first, then every
 * event from {@code next_batch}, with timestamps and ids set as libscap does; a stop request,
 * the event or time limit, EOF or an error all end with a complete, readable file.
 */
public final class Recorder {
    /** libscap's "no timestamp" value: the framework stamps such events with the wall clock. */
    private static final long UNSET_TIMESTAMP = -1L;
    private static final long TIMEOUT_PAUSE_NANOS = 1_000_000L;

    private final Clock clock;
    private final String version;

    public Recorder(Clock clock, String version) {
        this.clock = clock;
        this.version = version;
    }

    /**
     * Runs the recording until EOF, a limit, or {@code stop} becomes true; {@code progress}
     * receives the event count now and then.
     */
    public RecordSummary record(RecordingPlan plan, AtomicBoolean stop, LongConsumer progress)
            throws PluginException, IOException {
        long started = System.nanoTime();
        try (Plugin plugin = Plugin.load(plan.sourcePlugin())) {
            PluginInfo info = plugin.info();
            // One set of state tables for the source and its companions, as in one Falco process.
            TableRegistry tables = new TableRegistry();
            plugin.init(plan.initConfig(), tables);
            Manifest manifest = new Manifest("scapula", version, nowNanos(), List.of(new Manifest.PluginEntry(
                    info.name(), info.version(), info.id() == null ? 0 : info.id(), info.eventSource(),
                    info.requiredApiVersion(), plan.initConfig(), plan.openParams(), sha256(plan.sourcePlugin()))));
            int pluginId = info.id() == null ? 0 : info.id().intValue();
            PluginEventCheck check = new PluginEventCheck(info.name(), pluginId);
            long[] events = {0};
            String[] why = {"end of events (EOF)"};
            try (CaptureWriter writer = CaptureWriter.create(plan.output(),
                    CaptureOptions.plain().withCompression(plan.compression()).withManifest(manifest));
                    Companions companions = new Companions(plan.companions(), info.eventSource(), pluginId, tables);
                    SourceInstance source = plugin.open(plan.openParams());
                    LiveExpectations live = plan.expect().isEmpty() ? LiveExpectations.none()
                            : LiveExpectations.of(withCompanions(plugin, companions), info.eventSource(), plan.expect())) {
                live.startFile(plan.output());
                companions.start(writer, this::nowNanos);
                SourceInstance.EventSink sink = (Pointer e, int len) -> {
                    if (plan.maxEvents() > 0 && events[0] >= plan.maxEvents()) {
                        return;
                    }
                    check.check(e, len, events[0] + 1);
                    long ts = e.getLong(PluginEventCheck.TS);
                    try {
                        writer.writeEncodedPluginEvent(Pointer.nativeValue(e), len,
                                ts == UNSET_TIMESTAMP ? nowNanos() : ts, pluginId);
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    events[0]++;
                    companions.parse(e, events[0]);
                    try {
                        live.record(e, writer.eventsWritten());
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                };
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
                        rc = source.nextBatch(sink);
                    } catch (UncheckedIOException io) {
                        throw io.getCause();
                    }
                    progress.accept(events[0]);
                    companions.drain(writer, this::nowNanos, events[0]);
                    if (rc == ReturnCode.EOF) {
                        break;
                    }
                    if (rc == ReturnCode.TIMEOUT) {
                        java.util.concurrent.locks.LockSupport.parkNanos(TIMEOUT_PAUSE_NANOS);
                    }
                }
                companions.stopAsync();
                companions.drain(writer, this::nowNanos, events[0]);
                writer.flush();
                live.flush();
                return new RecordSummary(plan.output().toString(), events[0], companions.asyncEvents(),
                        companions.lostAsync(), writer.bytesWritten(), System.nanoTime() - started, why[0]);
            }
        }
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

    /** The sha256 of a plugin file, as the manifest records it. */
    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

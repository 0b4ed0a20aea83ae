package dev.scapula.recorder;

import dev.scapula.capture.event.AsyncEventLayout;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.async.AsyncEvents;
import dev.scapula.plugin.capture.CaptureListener;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.plugin.table.TableRegistry;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The plugins that run beside the source while recording, as in Falco: parsers see every
 * recorded event, async plugins dump their state at the start of every file and send events
 * from their threads, merged into the stream, and capture listeners hear the capture open and
 * close once per recording, however many files it spans (as libsinsp, which opens the capture
 * once and only reopens dump files). Closing stops the async threads first, then closes the capture, then the plugins.
 *
 * <p>Async events ({@link AsyncEventLayout}) come with ts UINT64_MAX to be stamped here, tid -1
 * (a plugin source's), and their plugin id is overwritten with the open source's, as libsinsp does.
 */
final class Companions implements AutoCloseable {

    private final List<Plugin> plugins = new ArrayList<>();
    private final List<Parser> parsers = new ArrayList<>();
    private final List<AsyncEvents> async = new ArrayList<>();
    /** The async plugins that export dump_state. */
    private final List<AsyncEvents> dumpers = new ArrayList<>();
    private final List<CaptureListener> listeners = new ArrayList<>();
    private final String source;
    private long parseFailures;
    private String firstParseFailure;
    private final boolean dropAsync;
    private final int sourceId;
    private long asyncEvents;
    private long refusedAsync;
    /** The async events of one plugin written between two batches of the source: its whole queue. */
    static final int BETWEEN_BATCHES = AsyncEvents.QUEUE_CAPACITY;

    /** Loads and initialises the companions, sharing the source plugin's state tables. */
    Companions(List<RecordingPlan.Companion> specs, String source, int sourceId, TableRegistry tables,
            boolean dropAsync) throws PluginException {
        this.source = source;
        this.dropAsync = dropAsync;
        this.sourceId = sourceId;
        try {
            for (RecordingPlan.Companion c : specs) {
                Plugin p = Plugin.load(c.path());
                plugins.add(p);
                p.init(c.initConfig(), tables);
                if (p.info().capabilities().contains(Capability.PARSING) && accepts(p.info().parseEventSources())) {
                    parsers.add(new Parser(p));
                }
            }
        } catch (PluginException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean accepts(List<String> sources) {
        return sources.isEmpty() || sources.contains(source);
    }

    /** Opens the capture for the listeners and starts the async plugins' threads. */
    void start() throws PluginException {
        for (Plugin p : plugins) {
            if (p.info().capabilities().contains(Capability.CAPTURE_LISTENING)) {
                listeners.add(CaptureListener.open(p));
            }
            if (p.info().capabilities().contains(Capability.ASYNC) && accepts(p.info().asyncEventSources())) {
                AsyncEvents events = new AsyncEvents(p, !dropAsync);
                async.add(events);
                if (p.dumpsState()) {
                    dumpers.add(events);
                }
                events.start();
            }
        }
    }

    /**
     * Writes the dump_state events of every async plugin at the start of a file, as libsinsp's
     * dumper does whenever it opens a file, so that each file of a rotated recording replays alone.
     */
    void dumpState(CaptureWriter writer) throws PluginException, IOException {
        for (AsyncEvents events : dumpers) {
            // Written as the plugin encoded them (ts and plugin id too), and not parsed: the
            // live state already holds them, as with libsinsp's dumper.
            for (byte[] e : events.dumpState()) {
                writer.writeEncodedEvent(e);
            }
        }
    }

    /** True when parsers see every recorded event: each one then needs a call from Java. */
    boolean parses() {
        return !parsers.isEmpty();
    }

    /** True when async plugins send events, which are merged into the stream between batches. */
    boolean sendsAsync() {
        return !async.isEmpty();
    }

    /** The companion plugins, initialised, in the order given. */
    List<Plugin> plugins() {
        return List.copyOf(plugins);
    }

    /**
     * Hands an event to every parser with its number in the file being written, as a replay
     * numbers it. A parser's failure does not end the recording (libsinsp ignores what parsers
     * return): it is counted, and the first one of each plugin is kept for the summary.
     */
    void parse(Pointer event, long number) {
        for (Parser parser : parsers) {
            try {
                parser.parse(event, number, source);
            } catch (PluginException e) {
                parseFailures++;
                if (firstParseFailure == null) {
                    firstParseFailure = e.getMessage() + " (event " + number + ")";
                }
            }
        }
    }

    /** Parser calls that failed, and the first failure's message (null when none). */
    long parseFailures() {
        return parseFailures;
    }

    String firstParseFailure() {
        return firstParseFailure;
    }

    private void parse(byte[] event, long number) {
        if (parsers.isEmpty()) {
            return;
        }
        Memory m = new Memory(event.length);
        m.write(0, event, 0, event.length);
        parse(m, number);
    }

    /**
     * Writes (and parses) the async events that arrived, stamped as libsinsp stamps them, at most
     * {@code limit} of each plugin: between two batches of the source the recorder takes at most
     * a queueful ({@link #BETWEEN_BATCHES}), or a plugin that sends as fast as events are written
     * would keep it here, the source and stop requests waiting; after the async threads stopped,
     * everything left.
     */
    void drain(OutputFiles files, LongSupplier now, int limit) throws PluginException, IOException {
        for (AsyncEvents events : async) {
            for (int taken = 0; taken < limit; taken++) {
                byte[] e = events.poll();
                if (e == null) {
                    break;
                }
                ByteBuffer b = ByteBuffer.wrap(e).order(ByteOrder.LITTLE_ENDIAN);
                if (b.getLong(EventHeader.TID) != -1L) {
                    refusedAsync++;
                    continue;
                }
                if (b.getLong(EventHeader.TS) == EventHeader.UNSET_TIMESTAMP) {
                    b.putLong(EventHeader.TS, now.getAsLong());
                }
                b.putInt(AsyncEventLayout.PLUGIN_ID, sourceId);
                CaptureWriter writer = files.writerFor(b.getLong(EventHeader.TS));
                writer.writeEncodedEvent(e);
                parse(e, writer.eventsWritten());
                asyncEvents++;
            }
        }
    }

    /** Async events written so far. */
    long asyncEvents() {
        return asyncEvents;
    }

    /** Async events dropped by the host's queue or refused (bad tid, shape or name). */
    long lostAsync() {
        long lost = refusedAsync;
        for (AsyncEvents e : async) {
            lost += e.dropped() + e.refused();
        }
        return lost;
    }

    /** Stops the async threads (clearing their handlers), so nothing arrives after the last drain. */
    /** Clears every async handler, even when clearing one fails; throws the first failure after. */
    void stopAsync() throws PluginException {
        PluginException first = null;
        for (AsyncEvents e : async) {
            try {
                e.close();
            } catch (PluginException failed) {
                first = first == null ? failed : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() throws PluginException {
        PluginException first = null;
        try {
            stopAsync();
        } catch (PluginException e) {
            first = e;
        }
        for (CaptureListener l : listeners) {
            try {
                l.close();
            } catch (PluginException e) {
                first = first == null ? e : first;
            }
        }
        RuntimeException closing = null;
        for (Plugin p : plugins) {
            try {
                p.close();
            } catch (RuntimeException failed) {
                closing = closing == null ? failed : closing;
            }
        }
        if (first != null) {
            throw first;
        }
        if (closing != null) {
            throw closing;
        }
    }
}

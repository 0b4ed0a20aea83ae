package dev.scapula.capture.summary;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.TruncatedCaptureException;
import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.event.Timestamps;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.meta.FdList;
import dev.scapula.capture.meta.InterfaceList;
import dev.scapula.capture.meta.MetadataBlock;
import dev.scapula.capture.meta.ProcessList;
import dev.scapula.capture.meta.RawBlock;
import dev.scapula.capture.meta.UserList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a whole capture once, in constant memory, and counts what {@code info} reports. */
public final class CaptureSummarizer {
    private final Map<Integer, Long> byType = new TreeMap<>();
    private final Map<Long, long[]> byPlugin = new TreeMap<>();
    private final Map<String, Long> byAsyncName = new TreeMap<>();
    private long events;
    private boolean timed;
    private long first;
    private long last;
    private long previous;
    private long unset;
    private long outOfOrder;
    /** The first event earlier than the one before it, and where its block starts; 0 and -1 while none. */
    private long firstOutOfOrderEvent;
    private long firstOutOfOrderOffset = -1;

    /** Told how far reading has got, after every event (a command shows it on a terminal). */
    @FunctionalInterface
    public interface ReadProgress {
        /** {@code events} read so far from {@code bytes} of uncompressed capture. */
        void update(long events, long bytes);
    }

    /** Opens and summarizes one capture; damage found after the header is reported, not thrown. */
    public CaptureSummary summarize(String file, ReadProgress progress) throws IOException {
        try (CaptureReader reader = CaptureReader.open(file)) {
            CaptureSummary.Damage damage = null;
            try {
                for (Event e = reader.next(); e != null; e = reader.next()) {
                    count(e);
                    progress.update(events, reader.bytesRead());
                }
            } catch (TruncatedCaptureException t) {
                damage = new CaptureSummary.Damage("truncated", t.truncatedAt(), t.blockNumber(), t.completeEvents(),
                        t.getMessage());
            } catch (CaptureException c) {
                damage = new CaptureSummary.Damage("corrupt", c.offset().orElse(null), c.blockNumber(), events,
                        c.getMessage());
            }
            return build(reader, damage);
        }
    }

    private void count(Event e) throws CaptureException {
        events++;
        byType.merge(e.type(), 1L, Long::sum);
        long ts = e.timestamp();
        if (ts == EventHeader.UNSET_TIMESTAMP) {
            unset++;
        } else if (!timed) {
            first = ts;
            last = ts;
            previous = ts;
            timed = true;
        } else {
            first = Long.compareUnsigned(ts, first) < 0 ? ts : first;
            last = Long.compareUnsigned(ts, last) > 0 ? ts : last;
            if (Long.compareUnsigned(ts, previous) < 0 && outOfOrder++ == 0) {
                firstOutOfOrderEvent = e.number();
                firstOutOfOrderOffset = e.fileOffset();
            }
            previous = ts;
        }
        if ((e.isPluginEvent() || e.isAsyncEvent()) && e.paramCount() > 0 && e.paramLength(0) == 4) {
            long id = e.pluginId() & 0xffffffffL;
            long[] c = byPlugin.computeIfAbsent(id, k -> new long[2]);
            c[e.isPluginEvent() ? 0 : 1]++;
            if (e.isAsyncEvent() && e.paramCount() > 1) {
                byAsyncName.merge(e.paramText(1), 1L, Long::sum);
            }
        }
    }

    private static Map<String, Object> machine(CaptureReader reader) {
        // Plugin captures carry a zeroed machine info block, as libsinsp writes for plugin sources.
        return reader.machineInfo().filter(mi -> mi.numCpus() != 0 || !mi.hostname().isEmpty()).map(mi -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hostname", mi.hostname());
            m.put("cpus", mi.numCpus());
            m.put("memory_bytes", mi.memoryBytes());
            if (mi.bootTimeNanos() != 0) {
                m.put("boot_time", Timestamps.iso(mi.bootTimeNanos()));
            }
            return m;
        }).orElse(null);
    }

    /** How many threads, descriptors, interfaces, users and groups the metadata blocks hold. */
    private static Map<String, Long> metadataCounts(CaptureReader reader) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (MetadataBlock b : reader.metadata()) {
            if (b instanceof ProcessList pl) {
                m.merge("threads", (long) pl.entries().size(), Long::sum);
            } else if (b instanceof FdList fl) {
                m.merge("fds", (long) fl.entries().size(), Long::sum);
            } else if (b instanceof InterfaceList il) {
                m.merge("interface_addresses", (long) il.interfaces().size(), Long::sum);
            } else if (b instanceof UserList ul) {
                m.merge("users", (long) ul.users().size(), Long::sum);
                m.merge("groups", (long) ul.groups().size(), Long::sum);
            } else if (b instanceof RawBlock) {
                m.merge("unknown_blocks", 1L, Long::sum);
            }
        }
        return m;
    }

    private CaptureSummary build(CaptureReader reader, CaptureSummary.Damage damage) throws IOException {
        Map<String, Long> blocks = new LinkedHashMap<>();
        reader.blockCounts().forEach((type, n) -> blocks.put(BlockType.name(type), n));
        Map<String, Long> types = new LinkedHashMap<>();
        dev.scapula.capture.event.EventTypes table = dev.scapula.capture.event.EventTypes.standard();
        byType.forEach((code, n) -> types.put(table.get(code).isPresent() ? table.name(code) + " (" + code + ")"
                : table.name(code), n));
        Manifest manifest = reader.manifest().orElse(null);
        List<CaptureSummary.PluginCount> plugins = new ArrayList<>();
        byPlugin.forEach((id, c) -> {
            Manifest.PluginEntry p = manifest == null ? null : manifest.plugins().stream()
                    .filter(x -> x.id() == id && id != 0).findFirst().orElse(null);
            plugins.add(new CaptureSummary.PluginCount(id, id == 0 ? "syscall" : p == null ? null : p.eventSource(),
                    p == null ? null : p.name(), c[0], c[1]));
        });
        List<String> late = new ArrayList<>();
        reader.lateBlocks().forEach(b -> late.add(b.typeName() + " at byte " + b.offset()));
        var section = reader.firstSection();
        return new CaptureSummary(reader.name(), "scap " + section.version(), section.byteOrderName(),
                reader.compression().label(), reader.storedBytesRead(), reader.bytesRead(), reader.sections().size(),
                machine(reader), metadataCounts(reader), manifest, blocks, late, events, types, plugins, byAsyncName,
                timed ? Timestamps.iso(first) : null, timed ? Timestamps.iso(last) : null,
                timed ? first : null, timed ? last : null, timed ? last - first : null, unset, outOfOrder,
                outOfOrder > 0 ? firstOutOfOrderEvent : null, outOfOrder > 0 ? firstOutOfOrderOffset : null, damage);
    }
}

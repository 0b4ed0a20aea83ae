package dev.scapula.cli.info;

import dev.scapula.capture.event.Timestamps;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.summary.CaptureSummary;
import dev.scapula.cli.output.Terminal;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link CaptureSummary} as aligned "Label: value" lines, like capinfos. */
public final class SummaryText {
    private static final String FORMAT = "%-22s %s%n";

    public String render(CaptureSummary s) {
        StringBuilder b = new StringBuilder();
        line(b, "File:", s.file());
        line(b, "Format:", s.format() + ", " + s.byteOrder() + (s.sections() > 1 ? ", " + s.sections() + " sections" : ""));
        line(b, "Compression:", s.compression());
        line(b, "Size:", s.compression().equals("none") ? bytes(s.uncompressedBytes())
                : bytes(s.storedBytes()) + " stored, " + bytes(s.uncompressedBytes()) + " uncompressed");
        if (s.machine() != null && !s.machine().isEmpty()) {
            line(b, "Machine:", s.machine().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (s.metadata() != null && !s.metadata().isEmpty()) {
            line(b, "State at start:", join(s.metadata()).replace('_', ' '));
        }
        if (s.manifest() != null) {
            Manifest m = s.manifest();
            line(b, "Recorded by:", m.recorder() + " " + m.recorderVersion());
            for (Manifest.PluginEntry p : m.plugins()) {
                line(b, "  plugin:", p.name() + " " + p.version() + " (id " + p.id() + ", source "
                        + (p.eventSource() == null || p.eventSource().isEmpty() ? "-" : p.eventSource()) + ", api "
                        + p.requiredApiVersion() + ", sha256 " + shortHash(p.sha256()) + ")");
            }
        } else {
            line(b, "Recorded by:", "unknown (no scapula manifest)");
        }
        line(b, "Blocks:", join(s.blocks()));
        if (!s.blocksAfterEvents().isEmpty()) {
            line(b, "Blocks after events:", String.join(", ", s.blocksAfterEvents())
                    + " (libscap stops at these)");
        }
        line(b, "Events:", String.format("%,d", s.events()));
        if (!s.eventsByType().isEmpty()) {
            line(b, "  by type:", join(s.eventsByType()));
        }
        for (CaptureSummary.PluginCount p : s.eventsByPlugin()) {
            String who = "id " + p.pluginId() + (p.source() != null ? " (" + p.source() + ")" : " (source unknown)");
            line(b, "  plugin " + who + ":", p.pluginEvents() + " plugin, " + p.asyncEvents() + " async");
        }
        if (!s.asyncEventsByName().isEmpty()) {
            line(b, "  async by name:", join(s.asyncEventsByName()));
        }
        if (s.firstEvent() != null) {
            line(b, "First event:", s.firstEvent());
            line(b, "Last event:", s.lastEvent());
            line(b, "Duration:", Timestamps.duration(s.durationNanos()));
        }
        if (s.unsetTimestamps() > 0) {
            line(b, "Unset timestamps:", s.unsetTimestamps() + " (dumped state events keep UINT64_MAX)");
        }
        if (s.outOfOrderTimestamps() > 0) {
            line(b, "Out of order:", String.format("%,d events out of time order (earlier than the event before), "
                    + "first at event #%d (byte %d)", s.outOfOrderTimestamps(), s.firstOutOfOrderEvent(),
                    s.firstOutOfOrderOffset()));
        }
        line(b, "Damage:", s.damage() == null ? "none" : s.damage().message());
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        // labels carry manifest sources and values carry manifest strings and async names: escape both
        b.append(String.format(FORMAT, Terminal.safe(label), Terminal.safe(value)));
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String bytes(long n) {
        return String.format("%,d bytes", n);
    }

    private static String shortHash(String sha) {
        return sha == null ? "-" : sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }
}

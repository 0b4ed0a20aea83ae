package dev.scapula.cli.cat;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.EventType;
import dev.scapula.capture.event.EventTypes;
import dev.scapula.capture.event.Timestamps;
import dev.scapula.cli.output.Payloads;
import dev.scapula.cli.output.Terminal;
import java.util.ArrayList;
import java.util.List;

/** Turns events into {@link EventLine} records and into sysdig-like text lines. */
public final class EventFormatter {
    private static final int TEXT_PAYLOAD_LIMIT = 200;
    private final EventTypes types = EventTypes.standard();

    public EventLine line(Event e) throws CaptureException {
        Long pluginId = null;
        String asyncName = null;
        byte[] payload = null;
        List<EventLine.Param> params = null;
        if (e.isPluginEvent() && e.paramCount() == 2 && e.paramLength(0) == 4) {
            pluginId = e.pluginId() & 0xffffffffL;
            payload = e.paramBytes(1);
        } else if (e.isAsyncEvent() && e.paramCount() == 3 && e.paramLength(0) == 4) {
            pluginId = e.pluginId() & 0xffffffffL;
            asyncName = e.paramText(1);
            payload = e.paramBytes(2);
        } else {
            params = new ArrayList<>();
            List<EventType.Param> declared = types.get(e.type()).map(EventType::params).orElse(List.of());
            for (int i = 0; i < e.paramCount(); i++) {
                String name = i < declared.size() ? declared.get(i).name() : "param" + i;
                String type = i < declared.size() ? declared.get(i).type() : "";
                params.add(ParamValues.show(name, type, e.paramBytes(i)));
            }
        }
        Payloads.Shown shown = payload == null ? null : Payloads.show(payload);
        return new EventLine(e.number(), Timestamps.iso(e.timestamp()), e.timestamp(), e.type(), e.typeName(),
                e.threadId(), e.cpuId(), e.flags() == 0 ? null : e.flags(), pluginId, asyncName,
                shown == null ? null : shown.value(), shown == null ? null : shown.encoding().label(),
                payload == null ? null : payload.length, params);
    }

    /**
     * A line in the shape of sysdig's default output,
     * {@code num time cpu (tid) dir type info}, with the plugin id and payload as the info.
     */
    public String text(EventLine l) {
        StringBuilder b = new StringBuilder();
        b.append(l.num()).append(' ').append(Timestamps.clock(l.ts())).append(' ').append(l.cpu()).append(" (")
                .append(l.tid()).append(") ").append(direction(l.type())).append(' ')
                .append(l.asyncName() != null ? Terminal.safe(l.asyncName()) : l.typeName());
        if (l.pluginId() != null) {
            b.append(" plugin_id=").append(l.pluginId());
            if (l.payload() != null) {
                b.append(' ').append(l.asyncName() != null ? "data" : "event_data").append('=')
                        .append(clip(l.payload(), l.payloadEncoding()));
            }
        } else if (l.params() != null) {
            for (EventLine.Param p : l.params()) {
                b.append(' ').append(Terminal.safe(p.name())).append('=').append(clip(p.value(), p.encoding()));
            }
        }
        return b.toString();
    }

    private String direction(int type) {
        return types.get(type).map(EventType::arrow).orElse(">");
    }

    private static String clip(String value, String encoding) {
        String v = value.length() > TEXT_PAYLOAD_LIMIT ? value.substring(0, TEXT_PAYLOAD_LIMIT) + "..." : value;
        v = Terminal.safe(v);
        return "base64".equals(encoding) ? "b64:" + v : v;
    }
}

package dev.scapula.capture.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The libscap event table as data: each event code's name, flags and parameters, loaded from
 * {@code event-types.tsv}; the flags decide the width of an event's parameter lengths.
 */
public final class EventTypes {
    /** Event code of a plugin event, {@code PPME_PLUGINEVENT_E}. */
    public static final int PLUGIN_EVENT = 322;
    /** Event code of an async event, {@code PPME_ASYNCEVENT_E}. */
    public static final int ASYNC_EVENT = 402;
    /** Parameter lengths of events with this flag are u32, not u16 ({@code EF_LARGE_PAYLOAD}). */
    public static final int EF_LARGE_PAYLOAD = 1 << 11;
    /** The event code is no longer produced and libscap drops it on read ({@code EF_UNUSED}). */
    public static final int EF_UNUSED = 1 << 6;
    /**
     * Codes whose v1 length libscap's writers got 3 bytes too long ({@code PPME_NOTIFICATION_E}
     * and {@code PPME_INFRASTRUCTURE_EVENT_E}); its reader subtracts 3 before inferring nparams.
     */
    public static final java.util.Set<Integer> V1_LENGTH_THREE_TOO_LONG = java.util.Set.of(280, 286);

    private static final String RESOURCE = "event-types.tsv";
    private static final EventTypes STANDARD = load();

    private final EventType[] byCode;
    private final int limit;

    private EventTypes(EventType[] byCode, int limit) {
        this.byCode = byCode;
        this.limit = limit;
    }

    /** The table shipped with scapula. */
    public static EventTypes standard() {
        return STANDARD;
    }

    /** The entry for an event code, if the table knows it. */
    public Optional<EventType> get(int code) {
        return code >= 0 && code < byCode.length ? Optional.ofNullable(byCode[code]) : Optional.empty();
    }

    /** The name of an event code, or {@code "unknown(N)"}. */
    public String name(int code) {
        EventType t = code >= 0 && code < byCode.length ? byCode[code] : null;
        return t == null ? "unknown(" + code + ")" : t.name();
    }

    /** True when the code's parameter lengths are u32 ({@code EF_LARGE_PAYLOAD}). */
    public boolean isLarge(int code) {
        EventType t = code >= 0 && code < byCode.length ? byCode[code] : null;
        return t != null && (t.flags() & EF_LARGE_PAYLOAD) != 0;
    }

    /** The declared parameter count of a code, 0 when the table does not know it. */
    public int paramCount(int code) {
        return get(code).map(EventType::paramCount).orElse(0);
    }

    /** One past the highest code in the table ({@code PPM_EVENT_MAX}); libscap skips codes at or above it. */
    public int limit() {
        return limit;
    }

    private static EventTypes load() {
        try (InputStream in = EventTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<EventType> rows = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int max = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<EventType.Param> params = new ArrayList<>();
                if (f.length > 4 && !f[4].isEmpty()) {
                    for (String p : f[4].split(",")) {
                        int colon = p.indexOf(':');
                        params.add(new EventType.Param(p.substring(0, colon), p.substring(colon + 1)));
                    }
                }
                char dir = f.length > 5 && !f[5].isEmpty() ? f[5].charAt(0) : '-';
                EventType t = new EventType(Integer.parseInt(f[0]), f[1], Integer.decode(f[2]),
                        Integer.parseInt(f[3]), List.copyOf(params), dir);
                rows.add(t);
                max = Math.max(max, t.code());
            }
            EventType[] table = new EventType[max + 1];
            for (EventType t : rows) {
                table[t.code()] = t;
            }
            return new EventTypes(table, max + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

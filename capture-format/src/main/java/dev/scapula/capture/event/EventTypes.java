package dev.scapula.capture.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The libscap event table as data: each event code's name, flags and parameters, loaded from
 * {@code event-types.tsv}; the flags decide the width of an event's parameter lengths.
 */
public final class EventTypes {
    /** Event code of a plugin event, {@code PPME_PLUGINEVENT_E} ("pluginevent"). */
    public static final int PLUGIN_EVENT = 322;
    /** Event code of an async event, {@code PPME_ASYNCEVENT_E} ("asyncevent"). */
    public static final int ASYNC_EVENT = 402;
    /** Event code of a notification, {@code PPME_NOTIFICATION_E} ("notification"). */
    public static final int NOTIFICATION_EVENT = 280;
    /** Event code of an infrastructure event, {@code PPME_INFRASTRUCTURE_EVENT_E} ("infra"). */
    public static final int INFRASTRUCTURE_EVENT = 286;
    /** The event changes machine state, so filters must not drop it ({@code EF_MODIFIES_STATE}). */
    public static final int EF_MODIFIES_STATE = 1 << 5;
    /** Parameter lengths of events with this flag are u32, not u16 ({@code EF_LARGE_PAYLOAD}). */
    public static final int EF_LARGE_PAYLOAD = 1 << 11;
    /** The event code is no longer produced and libscap drops it on read ({@code EF_UNUSED}). */
    public static final int EF_UNUSED = 1 << 6;
    /**
     * Codes whose v1 length libscap's writers got 3 bytes too long: "notification"
     * ({@link #NOTIFICATION_EVENT}) and "infra" ({@link #INFRASTRUCTURE_EVENT}). libscap's reader
     * subtracts 3 from their length, after widening the v1 header, before inferring nparams.
     */
    public static final Set<Integer> V1_LENGTH_THREE_TOO_LONG = Set.of(NOTIFICATION_EVENT, INFRASTRUCTURE_EVENT);

    private static final String RESOURCE = "event-types.tsv";
    private static final int FIELDS = 6;
    private static final EventTypes STANDARD = load();

    private final EventType[] byCode;

    private EventTypes(EventType[] byCode) {
        this.byCode = byCode;
    }

    /** The table shipped with scapula. */
    public static EventTypes standard() {
        return STANDARD;
    }

    /** The entry for an event code, if the table knows it. */
    public Optional<EventType> get(int code) {
        return Optional.ofNullable(row(code));
    }

    /** The name of an event code, or {@code "unknown(N)"}. */
    public String name(int code) {
        EventType t = row(code);
        return t == null ? "unknown(" + code + ")" : t.name();
    }

    /** True when the code's parameter lengths are u32 ({@code EF_LARGE_PAYLOAD}). */
    public boolean isLarge(int code) {
        EventType t = row(code);
        return t != null && (t.flags() & EF_LARGE_PAYLOAD) != 0;
    }

    /**
     * The declared parameter count of a code, 0 when the table does not know it; a v1 event may
     * carry fewer, never more.
     */
    public int paramCount(int code) {
        EventType t = row(code);
        return t == null ? 0 : t.paramCount();
    }

    /** True when a v1 event of this code has a length 3 bytes too long (see {@link #V1_LENGTH_THREE_TOO_LONG}). */
    public boolean v1LengthIsThreeTooLong(int code) {
        return V1_LENGTH_THREE_TOO_LONG.contains(code);
    }

    /** One past the highest code in the table ({@code PPM_EVENT_MAX}); libscap skips codes at or above it. */
    public int limit() {
        return byCode.length;
    }

    private EventType row(int code) {
        return code >= 0 && code < byCode.length ? byCode[code] : null;
    }

    private static EventTypes load() {
        try (InputStream in = EventTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(RESOURCE, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a table in the {@code event-types.tsv} layout; rows must cover every code from 0 up
     * to the highest once, because {@link #limit()} stands for libscap's {@code PPM_EVENT_MAX}.
     */
    static EventTypes parse(String source, Reader text) throws IOException {
        BufferedReader r = new BufferedReader(text);
        List<EventType> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            EventType t = parseRow(source, lineNumber, line);
            if (t.code() != rows.size()) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": code " + t.code()
                        + " out of order, expected " + rows.size() + " (one row per code, ascending, no gaps)");
            }
            rows.add(t);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no event rows");
        }
        return new EventTypes(rows.toArray(new EventType[0]));
    }

    // code \t name \t flags(0x hex) \t nparams \t name:PT_TYPE,... \t E|X|-
    private static EventType parseRow(String source, int lineNumber, String line) {
        String where = source + " line " + lineNumber + ": ";
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException(where + "expected " + FIELDS
                    + " tab-separated fields (code, name, flags, nparams, params, dir), found " + f.length);
        }
        try {
            List<EventType.Param> params = new ArrayList<>();
            if (!f[4].isEmpty()) {
                for (String p : f[4].split(",", -1)) {
                    int colon = p.indexOf(':');
                    if (colon <= 0 || !p.startsWith("PT_", colon + 1)) {
                        throw new IllegalArgumentException("parameter '" + p + "' is not name:PT_TYPE");
                    }
                    params.add(new EventType.Param(p.substring(0, colon), p.substring(colon + 1)));
                }
            }
            if (!f[2].startsWith("0x")) {
                throw new IllegalArgumentException("flags '" + f[2] + "' are not 0x-prefixed hex");
            }
            if (f[5].length() != 1) {
                throw new IllegalArgumentException("direction '" + f[5] + "' is not one of E, X, -");
            }
            return new EventType(Integer.parseInt(f[0]), f[1], Integer.parseUnsignedInt(f[2].substring(2), 16),
                    Integer.parseInt(f[3]), params, f[5].charAt(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }
}

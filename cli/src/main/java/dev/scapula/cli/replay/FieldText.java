package dev.scapula.cli.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.extract.FieldType;
import dev.scapula.plugin.extract.FieldValue;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Field values written as libsinsp writes them: as text in {@code -p} formats and text lines
 * ({@code tostring}: numbers in decimal, {@code true}/{@code false}, lists as {@code (a,b)},
 * IPv6 as {@code inet_ntop} writes it, ipnet values as {@code <IPNET>}), and a plugin field's
 * value as JSON ({@code tojson}: time fields signed, other numbers unsigned; the built-in fields'
 * JSON is {@link JsonLine}'s).
 */
final class FieldText {
    /** What libsinsp prints for a field with no value in a format that starts with '*'. */
    static final String NOT_AVAILABLE = "<NA>";

    private FieldText() {
    }

    /** The value as text, or null when the field has no value. */
    static String text(FieldValue v) {
        if (!v.present()) {
            return null;
        }
        if (!v.list()) {
            return single(v.type(), v.values().get(0));
        }
        StringBuilder b = new StringBuilder("(");
        for (Object o : v.values()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(single(v.type(), o));
        }
        return b.append(')').toString();
    }

    /**
     * Writes {@link #text} of the value with control characters as {@link Terminal#safe} shows them,
     * or {@code absent} when it has none; a number goes out as digits with no String in between.
     */
    static void writeText(LinePrinter out, FieldValue v, String absent) {
        if (v.present() && !v.list() && (v.type() == FieldType.UINT64 || v.type() == FieldType.RELTIME
                || v.type() == FieldType.ABSTIME)) {
            out.unsigned((Long) v.values().get(0));
            return;
        }
        String t = text(v);
        out.text(t == null ? absent : Terminal.safe(t));
    }

    /** Writes a plugin field's value (never a built-in) as JSON, {@code null} when it has none. */
    static void writePluginJson(JsonGenerator g, FieldValue v) throws IOException {
        if (!v.present()) {
            g.writeNull();
            return;
        }
        if (!v.list()) {
            writeSingleJson(g, v.type(), v.values().get(0));
            return;
        }
        g.writeStartArray();
        for (Object o : v.values()) {
            writeSingleJson(g, v.type(), o);
        }
        g.writeEndArray();
    }

    private static void writeSingleJson(JsonGenerator g, FieldType type, Object value) throws IOException {
        switch (type) {
            case UINT64:
            case RELTIME:
            case ABSTIME: {
                long n = (Long) value;
                if (n >= 0) {
                    g.writeNumber(n);
                } else {
                    g.writeNumber(new BigInteger(Long.toUnsignedString(n)));
                }
                return;
            }
            case BOOL:
                g.writeBoolean((Boolean) value);
                return;
            default:
                g.writeString(single(type, value));
        }
    }

    private static String single(FieldType type, Object value) {
        switch (type) {
            case UINT64:
            case RELTIME:
            case ABSTIME:
                return Long.toUnsignedString((Long) value);
            case BOOL:
                return (Boolean) value ? "true" : "false";
            case IPADDR:
                return address((String) value);
            case IPNET:
                return "<IPNET>";
            default:
                return String.valueOf(value);
        }
    }

    /** An address as {@code inet_ntop} writes it: IPv6 with the longest zero run as "::". */
    static String address(String text) {
        if (!text.contains(":")) {
            return text;
        }
        byte[] b;
        try {
            b = InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return text;
        }
        if (b.length == 4) {
            // Java reads an IPv4-mapped IPv6 text as the IPv4 address; inet_ntop keeps ::ffff:
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            b = mapped;
        }
        return ipv6(b);
    }

    /** glibc's inet_ntop for 16 bytes, including its IPv4 tail for ::a.b.c.d and ::ffff:a.b.c.d. */
    static String ipv6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    s.append(':');
                }
                continue;
            }
            if (i != 0) {
                s.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                s.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                        .append(b[15] & 0xff);
                return s.toString();
            }
            s.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            s.append(':');
        }
        return s.toString();
    }
}

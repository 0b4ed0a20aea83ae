package dev.scapula.recorder;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The conversions of C's {@code strftime(3)} in the C locale (US English names) that make sense in a file name, for
 * {@code -G} names as sysdig formats them; an unknown conversion is refused up front rather than
 * written into a file name.
 */
final class Strftime {
    /** The zone's abbreviation for that instant (CET or CEST), as the C library prints it. */
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.US);
    private final String pattern;

    /** @throws IllegalArgumentException naming the first conversion this class does not know */
    Strftime(String pattern) {
        this.pattern = pattern;
        format(ZonedDateTime.now(java.time.ZoneOffset.UTC));
    }

    String format(ZonedDateTime t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= pattern.length()) {
                throw new IllegalArgumentException("strftime pattern \"" + pattern + "\" ends with a lone %");
            }
            convert(pattern.charAt(++i), t, out);
        }
        return out.toString();
    }

    private void convert(char c, ZonedDateTime t, StringBuilder out) {
        switch (c) {
            case 'Y' -> out.append(t.getYear());
            case 'C' -> pad(out, t.getYear() / 100, 2, '0');
            case 'y' -> pad(out, t.getYear() % 100, 2, '0');
            case 'm' -> pad(out, t.getMonthValue(), 2, '0');
            case 'd' -> pad(out, t.getDayOfMonth(), 2, '0');
            case 'e' -> pad(out, t.getDayOfMonth(), 2, ' ');
            case 'j' -> pad(out, t.getDayOfYear(), 3, '0');
            case 'H' -> pad(out, t.getHour(), 2, '0');
            case 'k' -> pad(out, t.getHour(), 2, ' ');
            case 'I' -> pad(out, twelveHour(t), 2, '0');
            case 'l' -> pad(out, twelveHour(t), 2, ' ');
            case 'M' -> pad(out, t.getMinute(), 2, '0');
            case 'S' -> pad(out, t.getSecond(), 2, '0');
            case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case 's' -> out.append(t.toEpochSecond());
            case 'u' -> out.append(t.getDayOfWeek().getValue());
            case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
            case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
            case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
            case 'F' -> out.append(new Strftime("%Y-%m-%d").format(t));
            case 'D', 'x' -> out.append(new Strftime("%m/%d/%y").format(t));
            case 'T', 'X' -> out.append(new Strftime("%H:%M:%S").format(t));
            case 'R' -> out.append(new Strftime("%H:%M").format(t));
            case 'r' -> out.append(new Strftime("%I:%M:%S %p").format(t));
            case 'c' -> out.append(new Strftime("%a %b %e %H:%M:%S %Y").format(t));
            case 'z' -> {
                int secs = t.getOffset().getTotalSeconds();
                out.append(secs < 0 ? '-' : '+');
                pad(out, Math.abs(secs) / 3600, 2, '0');
                pad(out, Math.abs(secs) / 60 % 60, 2, '0');
            }
            case 'Z' -> out.append(ZONE_NAME.format(t));
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case '%' -> out.append('%');
            default -> throw new IllegalArgumentException("strftime conversion %" + c + " in \"" + pattern
                    + "\" is not supported in file names (use %Y %m %d %H %M %S %j %s %F %T and friends)");
        }
    }

    private static int twelveHour(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static void pad(StringBuilder out, int value, int width, char fill) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append(fill);
        }
        out.append(s);
    }
}

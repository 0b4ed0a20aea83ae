package dev.scapula.plugin.table;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The digest of a state table that verify compares after every event: 64 bits over the scalar
 * fields (names and types, in list order) and every entry's values, independent of the order the
 * table iterates its entries in. Plugin tables are digested by the same algorithm in native code
 * ({@code table_digest.c}), in one call per table; the two must stay identical.
 *
 * <pre>
 * mix(x)     splitmix64's finaliser
 * text(s)    mix(FNV-1a 64 over the UTF-8 bytes of s)
 * word(v)    a number as StateType.read gives it (signed widths sign-extended, unsigned zero-extended),
 *            a bool 1 or 0, a string text(v)
 * head       0; per scalar field: head = mix(mix(head ^ text(name)) ^ type)
 * row        0x9e3779b97f4a7c15; per scalar field, in the same order: row = mix(row ^ word(value))
 * digest     mix(mix(head ^ rows) ^ sum of every row, mod 2^64), as 16 hex digits
 * </pre>
 *
 * <p>This is not a cryptographic hash: it only has to tell two runs of the same plugin apart, and
 * verify is no defence against a plugin built to collide. Two different tables get the same
 * digest with a chance of about 2^-64 per comparison (the rows' sum is the only place where
 * different contents can cancel out, and mixed row hashes cancel only by chance), so even the
 * millions of comparisons of a long verify run miss a divergence with odds below 10^-12.
 * Summing keeps repeated rows apart, which xor would not.
 */
public final class TableDigest {
    private static final long ROW_SEED = 0x9e3779b97f4a7c15L;
    private static final long FNV_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TableDigest() {
    }

    /**
     * The digest of a table with these fields (name to {@link StateType}, in list order) and
     * entries (field name to Long, String or Boolean), as {@link StateTable#digest()} gives it.
     */
    public static String of(Map<String, Integer> fields, List<Map<String, Object>> entries) {
        long head = 0;
        for (Map.Entry<String, Integer> f : fields.entrySet()) {
            if (StateType.isScalar(f.getValue())) {
                head = mix(mix(head ^ text(f.getKey())) ^ f.getValue());
            }
        }
        long sum = 0;
        for (Map<String, Object> e : entries) {
            long row = ROW_SEED;
            for (Map.Entry<String, Integer> f : fields.entrySet()) {
                if (StateType.isScalar(f.getValue())) {
                    row = mix(row ^ word(e.get(f.getKey())));
                }
            }
            sum += row;
        }
        return hex(mix(mix(head ^ entries.size()) ^ sum));
    }

    /** The digest's text: 16 lower-case hex digits. */
    static String hex(long digest) {
        return HexFormat.of().toHexDigits(digest);
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    private static long text(String s) {
        long h = FNV_BASIS;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return mix(h);
    }

    private static long word(Object value) {
        if (value instanceof Long n) {
            return n;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof String s) {
            return text(s);
        }
        throw new IllegalArgumentException("a table value is a Long, String or Boolean, not " + value);
    }
}

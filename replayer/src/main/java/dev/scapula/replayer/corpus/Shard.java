package dev.scapula.replayer.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The K-th of N disjoint parts of a corpus. Every machine computes the same split from the
 * captures' relative paths and sizes alone, so N jobs with K = 1..N check every capture once.
 */
public record Shard(int index, int count) {
    /** The whole corpus. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": want K/N with 1 <= K <= N");
        }
    }

    /** Parses {@code K/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--shard " + text + ": want K/N, e.g. 2/4");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard " + text + ": want K/N with whole numbers, e.g. 2/4");
        }
    }

    /**
     * This shard's captures. Largest first, each capture goes to the part with the fewest bytes so far
     * (lowest part on a tie), so parts are balanced by size; equal sizes are ordered by a SHA-256 of
     * the relative path, which depends on nothing but the name.
     */
    public List<CaptureUnit> select(List<CaptureUnit> all) {
        List<CaptureUnit> ordered = new ArrayList<>(all);
        ordered.sort(Comparator.comparingLong(CaptureUnit::bytes).reversed()
                .thenComparing(u -> stableHash(u.name()))
                .thenComparing(CaptureUnit::name));
        long[] load = new long[count];
        List<CaptureUnit> mine = new ArrayList<>();
        for (CaptureUnit u : ordered) {
            int target = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[target]) {
                    target = i;
                }
            }
            load[target] += Math.max(1, u.bytes());
            if (target == index - 1) {
                mine.add(u);
            }
        }
        mine.sort(Comparator.comparing(CaptureUnit::name));
        return mine;
    }

    private static String stableHash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

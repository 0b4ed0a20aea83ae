package dev.scapula.checks.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the payload of each fuzz execution from a seed and the execution's number alone, so a
 * run can restart at any execution after a crash and still make the same payloads: random bytes,
 * short and edge-valued payloads, and truncations, bit flips, overwrites and splices of the seed
 * payloads (real events).
 */
final class PayloadMutator {
    /** Random payloads stay short mostly: extractors fail on lengths, rarely on sheer size. */
    private static final int SMALL = 64;
    private static final int LARGE = 4096;
    private static final byte[] EDGE = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1, '{', '"', '\\'};

    private final long seed;
    private final List<byte[]> seeds;

    /**
     * @param seed  the run's seed ({@code --seed})
     * @param seeds real payloads to mutate; may be empty
     */
    PayloadMutator(long seed, List<byte[]> seeds) {
        this.seed = seed;
        this.seeds = List.copyOf(seeds);
    }

    /** The payload of execution {@code exec}: the same for the same seed, seeds and number. */
    byte[] payload(long exec) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ exec * 0xBF58476D1CE4E5B9L);
        int strategies = seeds.isEmpty() ? 3 : 7;
        switch (r.nextInt(strategies)) {
            case 0:
                return random(r, r.nextInt(8) == 0 ? r.nextInt(LARGE) : r.nextInt(SMALL));
            case 1:
                return edge(r, r.nextInt(17));
            case 2:
                return lengthLike(r);
            case 3:
                return truncated(r, pick(r));
            case 4:
                return flipped(r, pick(r));
            case 5:
                return overwritten(r, pick(r));
            default:
                return spliced(r, pick(r), pick(r));
        }
    }

    private byte[] pick(SplittableRandom r) {
        return seeds.get(r.nextInt(seeds.size()));
    }

    private static byte[] random(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Short payloads of one edge value, or random edge values: empty, 0xff-led, NUL-only... */
    private static byte[] edge(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        boolean mixed = r.nextBoolean();
        byte one = EDGE[r.nextInt(EDGE.length)];
        for (int i = 0; i < n; i++) {
            b[i] = mixed ? EDGE[r.nextInt(EDGE.length)] : one;
        }
        return b;
    }

    /** A little-endian length or count near a boundary, then a few random bytes: what binary decoders trust. */
    private static byte[] lengthLike(SplittableRandom r) {
        long[] values = {0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffffL, 0x80000000L, 0xffffffffL, -1L};
        long v = values[r.nextInt(values.length)];
        int width = r.nextBoolean() ? 4 : 8;
        byte[] tail = random(r, r.nextInt(16));
        byte[] b = new byte[width + tail.length];
        for (int i = 0; i < width; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        System.arraycopy(tail, 0, b, width, tail.length);
        return b;
    }

    private static byte[] truncated(SplittableRandom r, byte[] s) {
        return java.util.Arrays.copyOf(s, s.length == 0 ? 0 : r.nextInt(s.length));
    }

    private static byte[] flipped(SplittableRandom r, byte[] s) {
        byte[] b = s.clone();
        for (int k = 1 + r.nextInt(8); k > 0 && b.length > 0; k--) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    private static byte[] overwritten(SplittableRandom r, byte[] s) {
        byte[] b = s.clone();
        for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) {
            b[r.nextInt(b.length)] = EDGE[r.nextInt(EDGE.length)];
        }
        return b;
    }

    private static byte[] spliced(SplittableRandom r, byte[] a, byte[] b) {
        int head = a.length == 0 ? 0 : r.nextInt(a.length + 1);
        int tail = b.length == 0 ? 0 : r.nextInt(b.length + 1);
        byte[] out = new byte[head + (b.length - tail)];
        System.arraycopy(a, 0, out, 0, head);
        System.arraycopy(b, tail, out, head, b.length - tail);
        return out;
    }
}

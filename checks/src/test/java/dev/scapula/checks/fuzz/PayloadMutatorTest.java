package dev.scapula.checks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A fuzz run restarts in a fresh worker after every crash, so payloads must follow from seed and number alone. */
class PayloadMutatorTest {
    private static final List<byte[]> SEEDS = List.of("{\"pid\":42,\"comm\":\"bash\"}".getBytes(),
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    @Test
    void anExecutionMakesTheSamePayloadInAnyInstanceAndInAnyOrder() {
        PayloadMutator forward = new PayloadMutator(42, SEEDS);
        PayloadMutator backward = new PayloadMutator(42, SEEDS);
        byte[][] first = new byte[1000][];
        for (int i = 0; i < first.length; i++) {
            first[i] = forward.payload(i);
        }
        for (int i = first.length - 1; i >= 0; i--) {
            assertThat(backward.payload(i)).as("execution %d", i).isEqualTo(first[i]);
        }
    }

    @Test
    void anotherSeedMakesOtherPayloads() {
        PayloadMutator a = new PayloadMutator(1, SEEDS);
        PayloadMutator b = new PayloadMutator(2, SEEDS);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            same += Arrays.equals(a.payload(i), b.payload(i)) ? 1 : 0;
        }
        // short edge-valued payloads can coincide; most must not
        assertThat(same).isLessThan(100);
    }

    @Test
    void payloadsSpanEmptyShortAndSeedDerivedInputs() {
        PayloadMutator m = new PayloadMutator(5, SEEDS);
        Set<Integer> lengths = new HashSet<>();
        int seedPrefixed = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] p = m.payload(i);
            lengths.add(p.length);
            if (p.length > 4 && p[0] == '{' && p[1] == '"') {
                seedPrefixed++;
            }
        }
        assertThat(lengths).contains(0, 1, 7, 8);
        assertThat(lengths.stream().mapToInt(Integer::intValue).max().getAsInt()).isGreaterThan(SMALLEST_LARGE);
        assertThat(seedPrefixed).as("truncations, flips and splices keep most of a real payload").isGreaterThan(500);
    }

    private static final int SMALLEST_LARGE = 100;

    @Test
    void withoutSeedsEveryPayloadIsMadeUp() {
        PayloadMutator m = new PayloadMutator(9, List.of());
        for (int i = 0; i < 1000; i++) {
            assertThat(m.payload(i).length).isLessThan(4096 + 1);
        }
    }
}

package dev.scapula.replayer.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardTest {
    private static List<CaptureUnit> corpus() {
        Random sizes = new Random(7);
        List<CaptureUnit> units = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // a few equal sizes, so the tie-break by name matters too
            units.add(new CaptureUnit("dir" + (i % 3) + "/c" + i + ".scap", List.of(), i < 10 ? 500 : 1 + sizes.nextInt(10_000)));
        }
        return units;
    }

    @Test
    void theShardsOfACorpusCoverEveryCaptureExactlyOnce() {
        List<CaptureUnit> all = corpus();
        for (int n = 1; n <= 6; n++) {
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (int k = 1; k <= n; k++) {
                for (CaptureUnit u : new Shard(k, n).select(all)) {
                    total++;
                    assertTrue(seen.add(u.name()), u.name() + " is in two of " + n + " shards");
                }
            }
            assertEquals(all.size(), total, "captures checked over " + n + " shards");
        }
    }

    @Test
    void everyMachineGetsTheSameSplitWhateverOrderItListedTheCorpusIn() {
        List<CaptureUnit> shuffled = new ArrayList<>(corpus());
        Collections.shuffle(shuffled, new Random(99));
        for (int k = 1; k <= 4; k++) {
            assertEquals(new Shard(k, 4).select(corpus()), new Shard(k, 4).select(shuffled));
        }
    }

    @Test
    void shardsAreBalancedByBytesNotByCount() {
        // one big capture and many small ones: a split by count would put the big one beside half the small ones
        List<CaptureUnit> all = new ArrayList<>();
        all.add(new CaptureUnit("big.scap", List.of(), 10_000));
        for (int i = 0; i < 10; i++) {
            all.add(new CaptureUnit("small" + i + ".scap", List.of(), 1_000));
        }
        List<CaptureUnit> first = new Shard(1, 2).select(all);
        List<CaptureUnit> second = new Shard(2, 2).select(all);
        List<CaptureUnit> withBig = first.stream().anyMatch(u -> u.name().equals("big.scap")) ? first : second;
        assertEquals(List.of("big.scap"), withBig.stream().map(CaptureUnit::name).toList());
    }

    @Test
    void aShardOutsideItsCountIsAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/3"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/3"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("two/3"));
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
    }
}

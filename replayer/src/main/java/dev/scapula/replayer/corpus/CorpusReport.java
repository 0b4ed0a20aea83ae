package dev.scapula.replayer.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The report over a corpus (or one shard of it): per-capture results sorted by capture name and
 * their summary, so shard reports merge into exactly the report of one run over the whole corpus.
 */
public record CorpusReport(String command, CorpusSummary summary, List<CaptureResult> captures) {
    public CorpusReport {
        captures = List.copyOf(captures);
    }

    /** The report of these results, sorted by capture name. */
    public static CorpusReport of(String command, List<CaptureResult> results) {
        List<CaptureResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(CaptureResult::capture));
        return new CorpusReport(command, CorpusSummary.of(sorted), sorted);
    }

    /**
     * The union of shard reports. A capture in two parts means the shards overlap (different
     * corpora or shard counts), which would double-count it, so it is refused.
     */
    public static CorpusReport merge(List<CorpusReport> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: give the shard reports");
        }
        String command = parts.get(0).command();
        List<CaptureResult> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CorpusReport p : parts) {
            if (!command.equals(p.command())) {
                throw new IllegalArgumentException("cannot merge a " + p.command() + " report into a " + command
                        + " report");
            }
            for (CaptureResult r : p.captures()) {
                if (!seen.add(r.capture())) {
                    throw new IllegalArgumentException(r.capture() + " is in more than one report: the shards "
                            + "overlap (were they run with the same corpus and the same N?)");
                }
                all.add(r);
            }
        }
        return of(command, all);
    }
}

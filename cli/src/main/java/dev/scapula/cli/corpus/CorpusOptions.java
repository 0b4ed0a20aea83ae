package dev.scapula.cli.corpus;

import dev.scapula.replayer.corpus.CaptureUnit;
import dev.scapula.replayer.corpus.CorpusFinder;
import dev.scapula.replayer.corpus.Shard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that turn a single-capture command into a run over a corpus of captures. */
public final class CorpusOptions {
    @Option(names = "--corpus", paramLabel = "DIR", description = "Check every capture under DIR (recursively: "
            + "*.scap, *.scap.gz, *.scap.zst, and rotated *.scapN series kept together and in order), each on "
            + "its own with fresh plugin instances.")
    List<Path> corpusDirs = new ArrayList<>();

    @Option(names = "--corpus-list", paramLabel = "FILE", description = "Check the captures FILE names, one path "
            + "per line (relative to FILE's folder).")
    List<Path> corpusLists = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Captures checked at once (default: the number of "
            + "cores): threads of one process, or with --isolate worker processes.")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "K/N", description = "Check only the K-th of N disjoint parts of the "
            + "corpus (the same split on every machine, balanced by size); merge the parts with "
            + "'scapula report merge'.")
    String shard;

    @Option(names = "--jsonl", description = "With a corpus: one JSON line per capture, then one summary line.")
    boolean jsonl;

    @Option(names = "--sarif", paramLabel = "FILE", description = "With a corpus: also write the findings as "
            + "SARIF 2.1.0 to FILE (each difference or error a result located at its capture).")
    Path sarif;

    /** True when a corpus was given, so the command runs over it instead of one capture. */
    public boolean given() {
        return !corpusDirs.isEmpty() || !corpusLists.isEmpty();
    }

    /** Threads to use: --jobs, else the number of cores. */
    public int jobs() {
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }

    /** The shard to check, the whole corpus without --shard. */
    public Shard shard() {
        return shard == null ? Shard.ALL : Shard.parse(shard);
    }

    /**
     * This shard's captures, from every --corpus and --corpus-list; a capture named twice is
     * checked once.
     */
    public List<CaptureUnit> units() throws IOException {
        Map<String, CaptureUnit> byName = new LinkedHashMap<>();
        CorpusFinder finder = new CorpusFinder();
        for (Path d : corpusDirs) {
            finder.find(d).forEach(u -> byName.putIfAbsent(u.name(), u));
        }
        for (Path l : corpusLists) {
            finder.fromList(l).forEach(u -> byName.putIfAbsent(u.name(), u));
        }
        List<CaptureUnit> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(CaptureUnit::name));
        return shard().select(all);
    }
}

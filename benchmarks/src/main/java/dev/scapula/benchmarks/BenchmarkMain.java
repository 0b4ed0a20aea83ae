package dev.scapula.benchmarks;

import dev.scapula.capture.JvmFlags;
import dev.scapula.capture.block.EventBlockLayout;
import dev.scapula.capture.event.PluginEventLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the capture-format throughput benchmarks and prints, per case, events/s and MB/s beside
 * the raw FileChannel baseline measured in the same run, and their ratio.
 */
public final class BenchmarkMain {
    /** The forked benchmark JVMs run as the launcher runs scapula, in a heap of a set size. */
    static final String[] JVM_FLAGS = Stream.concat(JvmFlags.all().stream(), Stream.of("-Xmx1g"))
            .toArray(String[]::new);

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("host")) {
            HostOverhead.run(JVM_FLAGS);
            return;
        }
        String include = args.length > 0 ? args[0] : "dev.scapula.benchmarks.(Read|Write)Throughput";
        Options opts = new OptionsBuilder().include(include).forks(1).warmupIterations(2)
                .warmupTime(TimeValue.seconds(2)).measurementIterations(4).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend(JVM_FLAGS).timeUnit(TimeUnit.MILLISECONDS).build();
        Collection<RunResult> results = new Runner(opts).run();
        print(results);
    }

    private static void print(Collection<RunResult> results) {
        Map<String, double[]> byCase = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            int size = Integer.parseInt(r.getParams().getParam("payloadSize"));
            String kind = r.getParams().getBenchmark().contains("Read") ? "read" : "write";
            double ms = r.getPrimaryResult().getScore();
            double[] row = byCase.computeIfAbsent(kind + " " + size + " B", k -> new double[] {size, 0, 0});
            row[method.startsWith("raw") ? 2 : 1] = ms;
        }
        System.out.println();
        System.out.printf("%-14s %14s %10s %12s %10s%n", "case", "events/s", "MB/s", "raw MB/s", "ratio");
        List<String> lines = new ArrayList<>();
        byCase.forEach((name, row) -> {
            int size = (int) row[0];
            int events = CaptureFiles.eventCount(size);
            double bytes = events * (double) blockBytes(size);
            double ours = bytes / (row[1] / 1000) / 1e6;
            double raw = bytes / (row[2] / 1000) / 1e6;
            lines.add(String.format("%-14s %14.0f %10.0f %12.0f %9.2fx", name, events / (row[1] / 1000), ours, raw,
                    ours / raw));
        });
        lines.forEach(System.out::println);
    }

    /** Bytes of one plugin event block with this payload: header, cpuid, event, padding, trailer. */
    static long blockBytes(int payload) {
        long body = EventBlockLayout.CPUID_LENGTH + PluginEventLayout.PAYLOAD + payload;
        return 8 + ((body + 3) & ~3L) + 4;
    }
}

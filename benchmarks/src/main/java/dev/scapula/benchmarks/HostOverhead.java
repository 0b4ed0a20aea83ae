package dev.scapula.benchmarks;

import dev.scapula.capture.io.RunTemp;
import dev.scapula.samples.CDriver;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PluginCalls} with JMH and the C driver on the same plugins in the same run, and
 * prints per case the host's cost, the direct C cost, the overhead and the ratio.
 */
final class HostOverhead {
    private HostOverhead() {
    }

    static void run(String[] jvmFlags) throws Exception {
        Map<String, Double> ours = new LinkedHashMap<>();
        for (RunResult r : new Runner(new OptionsBuilder().include(PluginCalls.class.getName()).forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                .measurementTime(TimeValue.seconds(2)).jvmArgsAppend(jvmFlags).timeUnit(TimeUnit.NANOSECONDS).build())
                .run()) {
            ours.put(r.getParams().getBenchmark().replaceAll(".*\\.", ""), r.getPrimaryResult().getScore());
        }
        Map<String, Double> c = new LinkedHashMap<>();
        Path temp = RunTemp.current().dir();
        c.put("extractOneField", driver("extract", SamplePlugins.path("fields", temp).toString(), "1", "5000000"));
        c.put("extractTenFields", driver("extract", SamplePlugins.path("fields", temp).toString(), "10", "500000"));
        c.put("parseEvent", driver("parse", SamplePlugins.path("stateful", temp).toString(), "5000000"));
        c.put("nextBatchPerEvent", driver("next_batch", SamplePlugins.path("counter", temp).toString(), "20000000"));
        System.out.println();
        System.out.printf("%-20s %14s %12s %14s %8s%n", "call", "scapula ns/op", "C ns/op", "overhead ns", "ratio");
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            double direct = c.get(e.getKey());
            System.out.printf("%-20s %14.1f %12.1f %14.1f %7.1fx%n", e.getKey(), e.getValue(), direct,
                    e.getValue() - direct, e.getValue() / direct);
        }
    }

    private static double driver(String... args) throws IOException, InterruptedException {
        return CDriver.nanosPerOp(RunTemp.current().dir(), args);
    }
}

package dev.scapula.cli.demo;

import dev.scapula.capture.io.Compression;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.cli.BundledSamples;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.Version;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.recorder.RecordSummary;
import dev.scapula.recorder.Recorder;
import dev.scapula.recorder.RecordingPlan;
import dev.scapula.replayer.ReplayedEvent;
import dev.scapula.replayer.Replayer;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.VersionDiff;
import dev.scapula.replayer.verify.PluginSpec;
import dev.scapula.replayer.verify.Verifier;
import dev.scapula.replayer.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scapula demo}: the whole job on the bundled sample plugins, with a readable report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole job on the bundled sample plugins: record a capture with the counter source, "
                + "replay it through the fields extractor, verify the correct plugins and a deliberately "
                + "nondeterministic one, and diff releases of the versioned plugin, with a report of the four "
                + "results. It takes a few seconds."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step gave the expected result", "2:a step failed"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the capture, kept (default: a temporary folder, removed at exit).")
    Path dir;

    @Option(names = {"-n", "--numevents"}, paramLabel = "N", defaultValue = "20000",
            description = "Events to record (default 20000).")
    long events;

    @Override
    public Integer call() {
        PrintWriter out = Scapula.out(spec);
        try {
            Path where = dir != null ? Files.createDirectories(dir) : RunTemp.current().folder("demo-");
            Path capture = where.resolve("counter.scap");
            Files.deleteIfExists(capture);
            boolean expected = true;

            out.println("1. record: the counter source plugin into " + capture);
            RecordSummary rec = new Recorder(Clock.systemUTC(), Version.current()).record(new RecordingPlan(
                    BundledSamples.path("counter"), "", "count=" + events + ";size=64", capture, Compression.NONE, 0, 0),
                    new AtomicBoolean(), n -> { });
            out.println("   " + rec.line());
            if (dir != null) { // without --dir the capture goes with the run's temporary folder
                out.println("   look inside: scapula info " + capture);
            }

            out.println();
            out.println("2. replay: the fields extractor over the capture (first 3 events)");
            try (Plugin fields = Plugin.load(BundledSamples.path("fields"))) {
                fields.init("");
                List<ReplayedEvent> first = new ArrayList<>();
                long n = new Replayer(List.of(fields), List.of("fields.seq", "fields.ip", "fields.divisors"))
                        .replay(capture, e -> {
                            first.add(e);
                            return first.size() < 3;
                        });
                for (ReplayedEvent e : first) {
                    out.println("   " + e.number() + " [" + e.source() + "] " + e.fields().stream()
                            .map(DemoCommand::show).collect(Collectors.joining(" ")));
                }
                expected &= n > 0;
            }

            out.println();
            out.println("3. verify: determinism of values and state, two fresh instances and a second extraction");
            VerifyReport good = new Verifier(List.of(spec("fields"), spec("stateful")), List.of(), Set.of())
                    .verify(capture);
            out.printf("   fields + stateful: %,d events, %s%n", good.events(),
                    good.deterministic() ? "deterministic" : "DIVERGED: " + good.firstDivergences().get(0).describe());
            VerifyReport bad = new Verifier(List.of(spec("nondet")), List.of(), Set.of()).verify(capture);
            out.println("   nondet (broken on purpose): " + (bad.deterministic() ? "deterministic?!"
                    : "caught: " + bad.firstDivergences().get(0).describe()));
            expected &= good.deterministic() && !bad.deterministic();

            out.println();
            out.println("4. diff: releases of the versioned plugin, with the semver verdict");
            for (String[] pair : new String[][] {{"versioned_1_0_0", "versioned_1_1_0"},
                {"versioned_1_0_0", "versioned_2_0_0"}, {"versioned_1_0_0", "versioned_1_0_1_wrong"}}) {
                DiffReport d = new VersionDiff(BundledSamples.path(pair[0]), BundledSamples.path(pair[1]), "", Set.of())
                        .diff(List.of(capture));
                out.printf("   %s -> %s: needs %s, is %s: %s%n", d.oldVersion(), d.newVersion(), d.required().label(),
                        d.made().label(), d.understated() ? "UNDERSTATED (caught)" : "ok");
                expected &= d.understated() == pair[1].endsWith("wrong");
            }
            out.println();
            out.println(expected ? "demo: every step gave the expected result" : "demo: a step gave an unexpected result");
            return expected ? Scapula.OK : Scapula.USAGE_OR_INPUT;
        } catch (PluginException | IOException e) {
            Scapula.err(spec).println("scapula demo: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
    }

    private static PluginSpec spec(String sample) {
        return new PluginSpec(BundledSamples.path(sample), "");
    }

    private static String show(FieldValue v) {
        return v.field() + "=" + (v.list() ? v.values().toString() : v.values().isEmpty() ? "<NA>" : v.values().get(0));
    }
}

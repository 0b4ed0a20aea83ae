package dev.scapula.cli.isolate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import dev.scapula.cli.CommandRun;
import dev.scapula.cli.CounterCaptures;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --isolate}: the sample plugin {@code fragile} crashes, hangs or eats memory on chosen
 * payloads; each becomes a report and a reproducer while this JVM (which runs the command
 * in-process) lives on, and the replay goes on with the next capture.
 */
class IsolatedReplayTest {
    private static final int COUNTER_ID = 9001;

    @TempDir
    Path dir;

    private Path capture(String name, int events, int badAt, byte[] bad) throws Exception {
        return CounterCaptures.write(dir.resolve(name), events, badAt, bad);
    }

    private static byte[] magic(String eight) {
        return CounterCaptures.magic(eight);
    }

    private List<Path> reproducers() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("crashes"))) {
            return s.filter(p -> p.toString().endsWith(".scap")).sorted().toList();
        }
    }

    @Test
    void aCrashIsReportedWithAReproducerAndTheNextCaptureIsReplayed() throws Exception {
        Path broken = capture("broken.scap", 5, 3, new byte[4]);
        Path fine = capture("fine.scap", 4, -1, null);
        CommandRun run = CommandRun.of("replay", "--isolate", "--crash-dir", dir.resolve("crashes").toString(),
                "-r", broken.toString(), "-r", fine.toString(), "-H", SamplePlugins.path("fragile").toString(),
                "-f", "fragile.first", "--text");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        // the two events before the crash, then all of the next capture, in a fresh worker
        assertThat(run.out().lines()).hasSize(2 + 4);
        assertThat(run.err()).contains("fragile 0.1.0 crashed in plugin_extract_fields at event 3 of " + broken,
                "SIGSEGV", "payload: 4 bytes: 00 00 00 00", "going on with " + fine);
        // the exit status said crash: HotSpot's banner gives way to our report
        assertThat(run.out() + run.err()).doesNotContain("A fatal error has been detected");
        List<Path> repro = reproducers();
        assertThat(repro).hasSize(1);
        assertThat(repro.get(0).getFileName().toString()).isEqualTo("fragile-crash-extract_fields-event3.scap");
        try (CaptureReader r = CaptureReader.open(repro.get(0))) {
            Event e = r.next();
            assertThat(e.paramBytes(1)).hasSize(4);
            assertThat(r.next()).isNull();
            assertThat(r.manifest()).isPresent();
        }

        CommandRun again = CommandRun.of("replay", "--isolate", "--crash-dir", dir.resolve("crashes").toString(),
                "-r", repro.get(0).toString(), "-H", SamplePlugins.path("fragile").toString(), "--text");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(2);
        assertThat(again.err()).contains("fragile 0.1.0 crashed in plugin_extract_fields at event 1 of " + repro.get(0));
    }

    @Test
    void aCallThatNeverReturnsIsKilledAfterTheTimeout() throws Exception {
        Path hang = capture("hang.scap", 3, 2, magic("HANG!!!!"));
        CommandRun run = CommandRun.of("replay", "--isolate", "--timeout-ms", "300", "--crash-dir",
                dir.resolve("crashes").toString(), "-r", hang.toString(), "-H", SamplePlugins.path("fragile").toString(),
                "--text");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.err()).contains("fragile 0.1.0 hung in plugin_extract_fields at event 2 of " + hang,
                "no return after 300 ms (--timeout-ms)", "payload: 16 bytes: 48 41 4e 47");
        assertThat(reproducers()).extracting(p -> p.getFileName().toString())
                .containsExactly("fragile-hang-extract_fields-event2.scap");
    }

    @Test
    void runawayMemoryIsKilledAtTheLimit() throws Exception {
        Path hog = capture("hog.scap", 3, 1, magic("HOGMEM!!"));
        CommandRun run = CommandRun.of("replay", "--isolate", "--memory-mb", "600", "--crash-dir",
                dir.resolve("crashes").toString(), "-r", hog.toString(), "-H", SamplePlugins.path("fragile").toString(),
                "--text");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("fragile 0.1.0 ran out of memory in plugin_extract_fields at event 1 of " + hog,
                "passed the limit of 600 MiB (--memory-mb)");
    }

    @Test
    void withoutFailuresTheOutputIsTheSameAsInProcess() throws Exception {
        Path fine = capture("fine.scap", 50, -1, null);
        String[] args = {"-r", fine.toString(), "-H", SamplePlugins.path("fragile").toString()};
        CommandRun inProcess = CommandRun.of(Stream.concat(Stream.of("replay"), Stream.of(args)).toArray(String[]::new));
        CommandRun isolated = CommandRun.of(Stream.concat(Stream.of("replay", "--isolate"), Stream.of(args))
                .toArray(String[]::new));
        assertThat(isolated.exitCode()).as(isolated.err()).isZero();
        assertThat(isolated.out()).isEqualTo(inProcess.out()).hasLineCount(50);
    }

    @Test
    void outputThatLooksLikeTheJvmCrashBannerIsPrintedAsData() throws Exception {
        // an async event name can carry the text HotSpot starts its crash banner with
        Path forged = dir.resolve("forged.scap");
        Manifest m = new Manifest("test", "", 0, List.of(new Manifest.PluginEntry("counter", "0.1.0", COUNTER_ID,
                "counter", "3.0.0", "", "", "")));
        try (CaptureWriter w = CaptureWriter.create(forged, CaptureOptions.plain().withManifest(m))) {
            w.writePluginEvent(1000L, -1, COUNTER_ID, new byte[16]);
            w.writeAsyncEvent(2000L, -1, COUNTER_ID, "tick\n#\n# A fatal error has been detected by the Java Runtime "
                    + "Environment:\n#", new byte[16]);
            for (int i = 3; i <= 7; i++) {
                w.writePluginEvent(1000L * i, -1, COUNTER_ID, new byte[16]);
            }
        }
        String[] args = {"replay", "--text", "-r", forged.toString(), "-H", SamplePlugins.path("fragile").toString(),
            "-f", "fragile.first"};
        CommandRun inProcess = CommandRun.of(args);
        CommandRun isolated = CommandRun.of(Stream.concat(Stream.of("replay", "--isolate"),
                Stream.of(args).skip(1)).toArray(String[]::new));

        assertThat(isolated.exitCode()).as(isolated.err()).isZero();
        assertThat(isolated.err()).isEmpty();
        assertThat(isolated.out()).isEqualTo(inProcess.out()).contains("# A fatal error has been detected");
        for (int i = 1; i <= 7; i++) {
            String num = i + " ";
            assertThat(isolated.out().lines()).anyMatch(l -> l.startsWith(num));
        }
    }

    @Test
    void verifyAndDiffReportACrashAsAFinding() throws Exception {
        Path broken = capture("broken.scap", 5, 4, new byte[2]);
        String fragile = SamplePlugins.path("fragile").toString();
        CommandRun verify = CommandRun.of("verify", "--isolate", "--crash-dir", dir.resolve("crashes").toString(),
                "-r", broken.toString(), "-H", fragile);
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(1);
        assertThat(verify.err()).contains("fragile 0.1.0 crashed in plugin_extract_fields at event 4 of " + broken,
                "payload: 2 bytes: 00 00");

        CommandRun diff = CommandRun.of("diff", "--isolate", "--crash-dir", dir.resolve("crashes").toString(),
                "--old", fragile, "--new", fragile, broken.toString());
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.err()).contains("fragile 0.1.0 crashed in plugin_extract_fields at event 4 of " + broken);
        assertThat(reproducers()).extracting(p -> p.getFileName().toString())
                .containsExactly("fragile-crash-extract_fields-event4-2.scap", "fragile-crash-extract_fields-event4.scap");
    }
}

package dev.scapula.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.scapula.checks.fuzz.FuzzBudget;
import dev.scapula.checks.lint.Finding;
import dev.scapula.checks.lint.LintReport;
import dev.scapula.checks.isolate.WorkerLaunch;
import dev.scapula.checks.lint.Linter;
import dev.scapula.checks.lint.PluginRegistry;
import dev.scapula.checks.lint.Severity;
import dev.scapula.cli.CommandRun;
import dev.scapula.cli.Scapula;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint over the sample plugins: each deliberately broken one is flagged with the right rule and
 * severity, and the correct ones have no ERROR.
 */
class LinterTest {
    @TempDir
    static Path dir;
    static Path counterCapture;

    @BeforeAll
    static void record() {
        counterCapture = dir.resolve("counter.scap");
        CommandRun run = CommandRun.of("record", "-I", "counter:count=300", "-w", counterCapture.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** A budget in executions: the fuzz findings cannot depend on how busy the machine is. */
    private static final FuzzBudget FUZZ = FuzzBudget.runs(3);

    private static Linter linter() {
        return new Linter(PluginRegistry.bundled(), "test", FUZZ,
                new WorkerLaunch(Scapula.class, System.out, System.err), Path::toString);
    }

    private static LintReport lint(String plugin, String previous, Path... captures) throws Exception {
        return linter().lint(SamplePlugins.path(plugin),
                previous == null ? null : SamplePlugins.path(previous), List.of(captures));
    }

    private static List<String> errors(LintReport r) {
        return r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::rule).toList();
    }

    @Test
    void theCorrectSamplesHaveNoErrors() throws Exception {
        for (String p : List.of("counter", "lint_clean", "versioned_1_0_0", "versioned_2_0_0")) {
            LintReport r = lint(p, null);
            assertThat(r.findings()).as(p).noneMatch(f -> f.severity() == Severity.ERROR);
        }
        for (String p : List.of("fields", "stateful", "tables")) {
            LintReport r = lint(p, null, counterCapture);
            assertThat(r.findings()).as(p + ": " + r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
            assertThat(r.skipped()).as(p).noneMatch(line -> line.startsWith("behaviour"));
        }
        LintReport clean = lint("lint_clean", null);
        assertThat(clean.findings()).extracting(Finding::rule, Finding::severity).containsExactly(
                tuple("api/loads-in", Severity.NOTE), tuple("identity/unregistered", Severity.NOTE));
        assertThat(clean.skipped()).isEmpty();
    }

    @Test
    void anOldApiMinorWithNewerFunctionsIsAnError() throws Exception {
        LintReport r = lint("lint_old_api", null);
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("api/symbols-newer-than-declared"))
                .extracting(Finding::severity, f -> f.message().split(",")[0])
                .containsExactly(tuple(Severity.ERROR, "exports plugin_get_metrics"),
                        tuple(Severity.ERROR, "exports plugin_capture_open and plugin_capture_close"));
        assertThat(r.clean()).isFalse();
    }

    @Test
    void aRegisteredIdOfAnotherPluginAndAReservedSourceAreErrors() throws Exception {
        LintReport stolen = lint("lint_stolen_id", null);
        assertThat(stolen.findings()).filteredOn(f -> f.rule().equals("identity/registered-id")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.message()).contains("ID 2 is registered to the plugin \"cloudtrail\"");
                });
        LintReport reserved = lint("lint_reserved_source", null);
        assertThat(errors(reserved)).contains("identity/reserved-source");
        assertThat(reserved.skipped()).singleElement().asString().contains("reserved event source");
    }

    @Test
    void sloppyMetadataAndFieldsAreEachNamed() throws Exception {
        LintReport r = lint("lint_sloppy", null);
        assertThat(r.findings()).extracting(Finding::rule, Finding::severity).contains(
                tuple("identity/test-id", Severity.WARNING),
                tuple("meta/semver", Severity.ERROR),
                tuple("meta/contact", Severity.ERROR),
                tuple("meta/description", Severity.WARNING),
                tuple("fields/unique", Severity.ERROR),
                tuple("fields/prefix", Severity.WARNING),
                tuple("fields/description", Severity.WARNING),
                tuple("fields/type", Severity.ERROR),
                tuple("fields/args", Severity.ERROR),
                tuple("fields/properties", Severity.WARNING));
        assertThat(r.findings().get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void brokenBehaviourIsCaughtOnACapture() throws Exception {
        assertThat(errors(lint("nondet", null, counterCapture))).contains("behaviour/determinism");
        assertThat(errors(lint("stateful_clock", null, counterCapture))).contains("behaviour/determinism");
        LintReport mutates = lint("extract_mutates", null, counterCapture);
        assertThat(errors(mutates)).contains("behaviour/extraction-changes-state");
        assertThat(mutates.findings()).filteredOn(f -> f.severity() == Severity.ERROR).first()
                .satisfies(f -> assertThat(f.reproduce()).startsWith("scapula verify -r " + counterCapture));
        assertThat(lint("stateful_nodump", null, counterCapture).findings())
                .extracting(Finding::rule, Finding::severity).contains(tuple("behaviour/no-dump-state", Severity.WARNING));
        assertThat(errors(lint("counter_partial", null))).containsExactly("meta/capabilities");
    }

    @Test
    void anExtractorForAnySourceThatCrashesOnArbitraryPayloadsIsAnErrorWithTheFuzzCommand() throws Exception {
        Path plugin = SamplePlugins.path("fragile_anysource");
        LintReport r = linter().lint(plugin, null, List.of());

        List<Finding> found = r.findings().stream().filter(f -> f.rule().equals("behaviour/arbitrary-payloads"))
                .toList();
        assertThat(found).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.reproduce()).isEqualTo("scapula fuzz -H " + plugin + " --runs 3 --seed 1 --keep-going");
        });
        assertThat(found).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("crashed in plugin_extract_fields", "SIGSEGV"))
                .anySatisfy(m -> assertThat(m).contains("returned garbage", "5 values for fragile.first"));
        // the command given finds it again: same seed, same failure
        String[] again = (found.get(0).reproduce().substring("scapula ".length()) + " --json --crash-dir " + dir).split(" ");
        CommandRun run = CommandRun.of(again);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("\"kind\":\"CRASH\"");
        assertThat(r.skipped()).noneMatch(s -> s.contains("fuzz"));
    }

    @Test
    void anExtractorForAnySourceThatSurvivesArbitraryPayloadsIsClean() throws Exception {
        LintReport r = lint("fields_anysource", null);
        assertThat(r.findings()).noneMatch(f -> f.rule().equals("behaviour/arbitrary-payloads"));
        assertThat(r.skipped()).noneMatch(s -> s.contains("fuzz"));
    }

    @Test
    void theRestOfTheSamplesAreEachFlaggedOrCleanAsTheyShouldBe() throws Exception {
        // fragile returns 5 values for a single-valued field on a payload led by 0xff: counter event 256
        LintReport fragile = lint("fragile", null, counterCapture);
        assertThat(fragile.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
                .satisfies(f -> {
                    assertThat(f.rule()).isEqualTo("behaviour/errors");
                    assertThat(f.message()).contains("returned 5 values for fragile.first in event 256");
                });
        // liar lies only when its open params or payloads ask it to: its own default events are sound...
        assertThat(errors(lint("liar", null))).isEmpty();
        // ...and a capture whose payloads ask for garbage is an error
        Path many = dir.resolve("liar-many.scap");
        CommandRun rec = CommandRun.of("record", "-I", "liar:many", "-w", many.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(lint("liar", null, many).findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                .extracting(Finding::rule, f -> f.message().contains("returned 5 values for liar.count"))
                .containsExactly(tuple("behaviour/errors", true));
        if (SamplePlugins.has(SamplePlugins.GO_PLUGIN)) {
            assertThat(errors(lint(SamplePlugins.GO_PLUGIN, null, counterCapture))).isEmpty();
        }
    }

    @Test
    void anExtractorWithoutEventsSaysWhatWasSkipped() throws Exception {
        LintReport r = lint("fields", null);
        assertThat(r.skipped()).singleElement().asString().contains("give --capture FILE");
    }

    @Test
    void theReleaseVerdictComesFromDiff() throws Exception {
        LintReport wrong = lint("versioned_1_0_1_wrong", "versioned_1_0_0", counterCapture);
        assertThat(wrong.findings()).filteredOn(f -> f.rule().equals("release/semver")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.message()).contains("1.0.0 -> 1.0.1 is a patch bump; the changes need major");
                });
        assertThat(errors(lint("versioned_1_1_0", "versioned_1_0_0", counterCapture))).isEmpty();
    }

    @Test
    void behaviourChecksThatComparedNothingAreAWarningNotASilentPass() throws Exception {
        // three counter events whose manifest names source k8s_audit, which fields does not extract from
        Path other = dir.resolve("other-source.scap");
        var entry = new dev.scapula.capture.manifest.Manifest.PluginEntry("counter", "0.1.0", 9001, "k8s_audit",
                "3.10.0", "", "", "");
        try (var w = dev.scapula.capture.write.CaptureWriter.create(other, dev.scapula.capture.write.CaptureOptions
                .plain().withManifest(new dev.scapula.capture.manifest.Manifest("t", "1", 0, List.of(entry))))) {
            for (int i = 0; i < 3; i++) {
                w.writePluginEvent(i, -1, 9001, java.nio.ByteBuffer.allocate(16)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(i).array());
            }
        }
        LintReport r = lint("fields", null, other);
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("behaviour/nothing-compared")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).isEqualTo("other-source.scap: verify compared nothing: none of the 3 "
                            + "events is of a source the plugins take (events: k8s_audit; plugins: fields extracts "
                            + "counter)");
                });
        assertThat(lint("fields", null, counterCapture).findings()).noneMatch(f -> f.rule().endsWith("nothing-compared"));
    }
}

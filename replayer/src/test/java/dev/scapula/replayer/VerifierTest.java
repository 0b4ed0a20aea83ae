package dev.scapula.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.scapula.capture.io.Compression;
import dev.scapula.plugin.extract.UnknownFieldException;
import dev.scapula.replayer.verify.Divergence;
import dev.scapula.replayer.verify.FieldCount;
import dev.scapula.replayer.verify.PluginSpec;
import dev.scapula.replayer.verify.Verifier;
import dev.scapula.replayer.verify.VerifyReport;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify passes the correct sample plugins and catches each broken one with the right check. */
class VerifierTest {
    @TempDir
    Path dir;
    Path capture;

    @BeforeEach
    void record() throws Exception {
        capture = CounterCaptures.record(dir.resolve("c.scap"), "count=500;size=16", Compression.NONE);
    }

    private VerifyReport verify(Set<String> ignored, String... plugins) throws Exception {
        List<PluginSpec> specs = java.util.Arrays.stream(plugins).map(p -> new PluginSpec(SamplePlugins.path(p), ""))
                .toList();
        return new Verifier(specs, List.of(), ignored).verify(capture);
    }

    @Test
    void correctPluginsAreDeterministicInValuesAndState() throws Exception {
        VerifyReport r = verify(Set.of(), "fields", "stateful", "versioned_1_1_0");
        assertThat(r.events()).isEqualTo(500);
        assertThat(r.firstDivergences()).isEmpty();
        assertThat(r.deterministic()).isTrue();
    }

    @Test
    void aClockAndACallCounterInExtractionAreCaught() throws Exception {
        VerifyReport r = verify(Set.of(), "nondet");
        assertThat(r.deterministic()).isFalse();
        assertThat(r.firstDivergences()).extracting(Divergence::check)
                .containsExactly(Verifier.TWO_INSTANCES, Verifier.EXTRACT_TWICE);
        Divergence twice = r.firstDivergences().get(1);
        assertThat(twice.eventNumber()).isEqualTo(1);
        assertThat(twice.plugin()).isEqualTo("nondet");
        assertThat(twice.what()).isIn("field nondet.calls", "field nondet.clock");
        assertThat(r.divergencesByField()).containsKey("extract-twice nondet field nondet.calls")
                .doesNotContainKey("two-instances nondet field nondet.seq");
    }

    @Test
    void eachFieldCountsTheEventsItDivergedOnOnceWhateverTheChecks() throws Exception {
        VerifyReport r = verify(Set.of(), "nondet");
        // the clock differs between the instances and between two extractions: both checks, every event
        assertThat(r.divergencesByField()).containsEntry("two-instances nondet field nondet.clock", 500L)
                .containsEntry("extract-twice nondet field nondet.clock", 500L);
        assertThat(r.fieldValues()).extracting(FieldCount::field, FieldCount::withValue, FieldCount::diverging)
                .containsExactly(tuple("nondet.seq", 500L, 0L), tuple("nondet.calls", 500L, 500L),
                        tuple("nondet.clock", 500L, 500L));
    }

    @Test
    void ignoredFieldsAreNotCompared() throws Exception {
        assertThat(verify(Set.of("nondet.calls", "nondet.clock"), "nondet").deterministic()).isTrue();
    }

    @Test
    void extractionThatChangesStateIsCaughtByExtractingTwice() throws Exception {
        VerifyReport r = verify(Set.of(), "extract_mutates");
        assertThat(r.firstDivergences()).singleElement().satisfies(d -> {
            assertThat(d.check()).isEqualTo(Verifier.EXTRACT_TWICE);
            assertThat(d.what()).isEqualTo("field mutates.seen");
            assertThat(d.first()).isEqualTo("[1]");
            assertThat(d.second()).isEqualTo("[2]");
        });
    }

    @Test
    void pluginsSharingTablesAreDeterministicAndTheHostThreadsTableIsCompared() throws Exception {
        List<PluginSpec> specs = List.of(new PluginSpec(SamplePlugins.path("stateful"), ""),
                new PluginSpec(SamplePlugins.path("tables"), "require_parity"));
        VerifyReport r = new Verifier(specs, List.of(), Set.of()).verify(capture);
        assertThat(r.firstDivergences()).isEmpty();
        assertThat(r.deterministic()).isTrue();
    }

    @Test
    void aWallClockWrittenIntoTheThreadsTableIsCaughtAsAStateDivergence() throws Exception {
        List<PluginSpec> specs = List.of(new PluginSpec(SamplePlugins.path("tables"), "wall_clock"));
        // Only a field that does not show the clock: the divergence must come from the table digest.
        VerifyReport r = new Verifier(specs, List.of("tables.threads"), Set.of()).verify(capture);
        assertThat(r.deterministic()).isFalse();
        assertThat(r.firstDivergences()).first().satisfies(d -> {
            assertThat(d.check()).isEqualTo(Verifier.TWO_INSTANCES);
            assertThat(d.plugin()).isEqualTo("scapula");
            assertThat(d.what()).isEqualTo("table threads");
            assertThat(d.eventNumber()).isEqualTo(1);
        });
    }

    /** A sidecar as the recorder writes it: counter event n carries sequence number n - 1. */
    private void liveValues(long wrongAt) throws Exception {
        try (var w = dev.scapula.capture.expect.ExpectWriter.create(capture, List.of("fields.seq"))) {
            for (long n = 1; n <= 500; n++) {
                w.startEvent(n);
                w.field("fields.seq", List.of(n == wrongAt ? 4242L : n - 1));
                w.endEvent();
            }
        }
    }

    @Test
    void liveValuesStoredBesideTheCaptureAreComparedWithTheReplay() throws Exception {
        liveValues(-1);
        VerifyReport ok = verify(Set.of(), "fields");
        assertThat(ok.checks()).containsExactly(Verifier.LIVE_VS_REPLAY, Verifier.TWO_INSTANCES, Verifier.EXTRACT_TWICE);
        assertThat(ok.deterministic()).isTrue();

        liveValues(7);
        VerifyReport r = verify(Set.of(), "fields");
        assertThat(r.firstDivergences()).singleElement().satisfies(d -> {
            assertThat(d.check()).isEqualTo(Verifier.LIVE_VS_REPLAY);
            assertThat(d.eventNumber()).isEqualTo(7);
            assertThat(d.what()).isEqualTo("field fields.seq");
            assertThat(d.first()).isEqualTo("[4242]");
            assertThat(d.second()).isEqualTo("[6]");
        });
        assertThat(r.divergencesByField()).containsExactly(java.util.Map.entry("live-vs-replay fields field fields.seq", 1L));
        assertThat(verify(Set.of("fields.seq"), "fields").deterministic()).isTrue();
    }

    @Test
    void withoutASidecarThereIsNoLiveCheck() throws Exception {
        assertThat(verify(Set.of(), "fields").checks()).doesNotContain(Verifier.LIVE_VS_REPLAY);
    }

    @Test
    void aManifestNamingAnotherVersionOrBuildIsAWarningNotADivergence() throws Exception {
        Path other = dir.resolve("other.scap");
        var entry = new dev.scapula.capture.manifest.Manifest.PluginEntry("counter", "9.9.9", 9001, "counter",
                "3.10.0", "", "", "00");
        try (var w = dev.scapula.capture.write.CaptureWriter.create(other, dev.scapula.capture.write.CaptureOptions
                .plain().withManifest(new dev.scapula.capture.manifest.Manifest("t", "1", 0, List.of(entry))))) {
            for (int i = 0; i < 10; i++) {
                w.writePluginEvent(i, -1, 9001, java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putLong(i).array());
            }
        }
        List<PluginSpec> specs = List.of(new PluginSpec(SamplePlugins.path("counter"), ""),
                new PluginSpec(SamplePlugins.path("fields"), ""));
        VerifyReport r = new Verifier(specs, List.of("fields.seq"), Set.of()).verify(other);
        assertThat(r.deterministic()).isTrue();
        assertThat(r.warnings()).singleElement().asString()
                .contains("other.scap was recorded with counter 9.9.9, verified with counter 0.1.0");
    }

    /** A capture of {@code sizes.length} counter events (plugin id 9001) whose manifest gives that id {@code source}. */
    private Path handWritten(String name, String source, int... sizes) throws Exception {
        Path file = dir.resolve(name);
        var entry = new dev.scapula.capture.manifest.Manifest.PluginEntry("counter", "0.1.0", 9001, source,
                "3.10.0", "", "", "");
        try (var w = dev.scapula.capture.write.CaptureWriter.create(file, dev.scapula.capture.write.CaptureOptions
                .plain().withManifest(new dev.scapula.capture.manifest.Manifest("t", "1", 0, List.of(entry))))) {
            for (int i = 0; i < sizes.length; i++) {
                w.writePluginEvent(1_700_000_000_000_000_000L + i, -1, 9001, java.nio.ByteBuffer.allocate(sizes[i])
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(i).array());
            }
        }
        return file;
    }

    private static VerifyReport verifyFields(Path capture, String... fields) throws Exception {
        return new Verifier(List.of(new PluginSpec(SamplePlugins.path("fields"), "")), List.of(fields), Set.of())
                .verify(capture);
    }

    @Test
    void thePerFieldCountsSayOnHowManyEventsEachFieldHadAValue() throws Exception {
        // payloads of 8..17 bytes: byte 12 exists in the last five events only, byte 100 in none
        Path c = handWritten("sizes.scap", "counter", 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        VerifyReport r = verifyFields(c, "fields.seq", "fields.byte[12]", "fields.byte[100]");
        assertThat(r.fieldValues()).containsExactly(
                new FieldCount("fields", "fields.seq", 10, 10),
                new FieldCount("fields", "fields.byte[12]", 10, 5),
                new FieldCount("fields", "fields.byte[100]", 10, 0));
        assertThat(r.nothingCompared()).isNull();
        assertThat(r.deterministic()).isTrue();
        assertThat(r.notes()).containsExactly("fields: field fields.byte[100] had no value on any of the 10 events "
                + "it was extracted from");
    }

    @Test
    void fieldsThatNeverHaveAValueAndNoStateChangeCompareNothingAndAreNoPass() throws Exception {
        VerifyReport r = verifyFields(capture, "fields.byte[100]");
        assertThat(r.firstDivergences()).isEmpty();
        assertThat(r.deterministic()).isFalse();
        assertThat(r.nothingCompared()).isEqualTo("no field had a value on any of the 500 events the plugins took, "
                + "and no state table changed");
        assertThat(r.fieldValues()).containsExactly(new FieldCount("fields", "fields.byte[100]", 500, 0));
    }

    @Test
    void ignoredFieldsAreNotComparedSoTheyCannotMakeARunCompareSomething() throws Exception {
        List<PluginSpec> nondet = List.of(new PluginSpec(SamplePlugins.path("nondet"), ""));
        VerifyReport r = new Verifier(nondet, List.of("nondet.clock"), Set.of("nondet.clock")).verify(capture);
        assertThat(r.deterministic()).isFalse();
        assertThat(r.nothingCompared()).contains("no field had a value", "ignored fields not counted");
    }

    @Test
    void aCaptureOfASourceNoPluginTakesComparesNothing() throws Exception {
        Path c = handWritten("other.scap", "k8s_audit", 16, 16, 16);
        VerifyReport r = verifyFields(c, "fields.seq");
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.deterministic()).isFalse();
        assertThat(r.nothingCompared()).isEqualTo("none of the 3 events is of a source the plugins take (events: "
                + "k8s_audit; plugins: fields extracts counter)");
        assertThat(r.fieldValues()).containsExactly(new FieldCount("fields", "fields.seq", 0, 0));
    }

    @Test
    void anEmptyCaptureComparesNothing() throws Exception {
        VerifyReport r = verifyFields(handWritten("empty.scap", "counter"), "fields.seq");
        assertThat(r.events()).isZero();
        assertThat(r.deterministic()).isFalse();
        assertThat(r.nothingCompared()).isEqualTo("the capture has no plugin or async events");
    }

    @Test
    void stateThatChangesIsAComparisonEvenWithoutFieldValues() throws Exception {
        // stateful fills its table counter_parity, compared after every event; the one field asked never has a value
        List<PluginSpec> specs = List.of(new PluginSpec(SamplePlugins.path("stateful"), ""),
                new PluginSpec(SamplePlugins.path("fields"), ""));
        VerifyReport r = new Verifier(specs, List.of("fields.byte[100]"), Set.of()).verify(capture);
        assertThat(r.fieldValues()).containsExactly(new FieldCount("fields", "fields.byte[100]", 500, 0));
        assertThat(r.nothingCompared()).isNull();
        assertThat(r.deterministic()).isTrue();
    }

    @Test
    void aFieldNoLoadedPluginProvidesIsAnErrorNamingTheClosest() {
        List<PluginSpec> nondet = List.of(new PluginSpec(SamplePlugins.path("nondet"), ""));
        assertThatThrownBy(() -> new Verifier(nondet, List.of("nondet.clokc"), Set.of()).verify(capture))
                .isInstanceOf(UnknownFieldException.class)
                .hasMessageStartingWith("-f nondet.clokc: no loaded plugin (nondet) has a field named nondet.clokc; "
                        + "did you mean nondet.clock?");
        assertThatThrownBy(() -> new Verifier(nondet, List.of(), Set.of("nondet.cals")).verify(capture))
                .hasMessageStartingWith("--ignore-field nondet.cals: no loaded plugin (nondet) has a field named "
                        + "nondet.cals; did you mean nondet.calls?");
    }
}

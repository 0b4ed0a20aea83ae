package dev.scapula.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.io.Compression;
import dev.scapula.replayer.diff.Bump;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.FieldChange;
import dev.scapula.replayer.diff.ValueCount;
import dev.scapula.replayer.diff.VersionDiff;
import dev.scapula.plugin.extract.UnknownFieldException;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semver verdict for every pair of the versioned sample plugin's releases. */
class VersionDiffTest {
    @TempDir
    Path dir;
    Path capture;

    @BeforeEach
    void record() throws Exception {
        capture = CounterCaptures.record(dir.resolve("c.scap"), "count=200;size=16", Compression.NONE);
    }

    private DiffReport diff(String oldName, String newName, Set<String> allowed) throws Exception {
        return new VersionDiff(SamplePlugins.path(oldName), SamplePlugins.path(newName), "", allowed)
                .diff(List.of(capture));
    }

    @Test
    void addingAFieldNeedsAMinorBumpAndGetsOne() throws Exception {
        DiffReport r = diff("versioned_1_0_0", "versioned_1_1_0", Set.of());
        assertThat(r.schemaChanges()).extracting(FieldChange::field, FieldChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("versioned.size", "added"));
        assertThat(r.valueChanges()).isEmpty();
        assertThat(r.events()).isEqualTo(200);
        assertThat(r.required()).isEqualTo(Bump.MINOR);
        assertThat(r.made()).isEqualTo(Bump.MINOR);
        assertThat(r.understated()).isFalse();
    }

    @Test
    void changedValuesNeedAMajorBumpAndTwoZeroZeroHasIt() throws Exception {
        DiffReport r = diff("versioned_1_0_0", "versioned_2_0_0", Set.of());
        assertThat(r.valueChanges()).extracting(FieldChange::field)
                .containsExactly("versioned.seq", "versioned.parity");
        FieldChange seq = r.valueChanges().get(0);
        assertThat(seq.eventsChanged()).isEqualTo(200);
        assertThat(seq.examples().get(0)).isEqualTo(new FieldChange.Example(1, "[0]", "[1]"));
        assertThat(r.required()).isEqualTo(Bump.MAJOR);
        assertThat(r.made()).isEqualTo(Bump.MAJOR);
        assertThat(r.understated()).isFalse();
    }

    @Test
    void aPatchReleaseThatChangesMeaningIsUnderstated() throws Exception {
        DiffReport r = diff("versioned_1_0_0", "versioned_1_0_1_wrong", Set.of());
        assertThat(r.required()).isEqualTo(Bump.MAJOR);
        assertThat(r.made()).isEqualTo(Bump.PATCH);
        assertThat(r.understated()).isTrue();
        assertThat(r.reasons()).anyMatch(s -> s.contains("versioned.seq changed its values on 200 events"));
    }

    @Test
    void anIntendedValueChangeOnlyNeedsAPatch() throws Exception {
        DiffReport r = diff("versioned_1_0_0", "versioned_1_0_1_wrong", Set.of("versioned.seq", "versioned.parity"));
        assertThat(r.required()).isEqualTo(Bump.PATCH);
        assertThat(r.understated()).isFalse();
    }

    @Test
    void theSameVersionTwiceIsUnderstatedBecauseEveryReleaseBumpsThePatch() throws Exception {
        DiffReport r = diff("versioned_1_1_0", "versioned_1_1_0", Set.of());
        assertThat(r.schemaChanges()).isEmpty();
        assertThat(r.valueChanges()).isEmpty();
        assertThat(r.required()).isEqualTo(Bump.PATCH);
        assertThat(r.made()).isEqualTo(Bump.NONE);
        assertThat(r.understated()).isTrue();
    }

    @Test
    void removingAFieldNeedsAMajorBump() throws Exception {
        DiffReport r = diff("versioned_1_1_0", "versioned_1_0_0", Set.of());
        assertThat(r.schemaChanges()).extracting(FieldChange::kind).containsExactly("removed");
        assertThat(r.required()).isEqualTo(Bump.MAJOR);
        assertThat(r.made()).isEqualTo(Bump.NONE);
    }

    @Test
    void aCaptureOfASourceNeitherVersionExtractsComparesNothing() throws Exception {
        Path other = dir.resolve("other.scap");
        var entry = new dev.scapula.capture.manifest.Manifest.PluginEntry("counter", "0.1.0", 9001, "k8s_audit",
                "3.10.0", "", "", "");
        try (var w = dev.scapula.capture.write.CaptureWriter.create(other, dev.scapula.capture.write.CaptureOptions
                .plain().withManifest(new dev.scapula.capture.manifest.Manifest("t", "1", 0, List.of(entry))))) {
            for (int i = 0; i < 4; i++) {
                w.writePluginEvent(i, -1, 9001, java.nio.ByteBuffer.allocate(16)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(i).array());
            }
        }
        DiffReport r = new VersionDiff(SamplePlugins.path("versioned_1_0_0"), SamplePlugins.path("versioned_1_0_1_wrong"),
                "", Set.of()).diff(List.of(other));
        assertThat(r.events()).isEqualTo(4);
        assertThat(r.valueChanges()).isEmpty();
        assertThat(r.nothingCompared()).isEqualTo("neither version extracts from the source of any of the 4 events "
                + "(old extracts counter, new counter)");
        assertThat(r.fieldValues()).containsExactly(new ValueCount("versioned.seq", 0, 0),
                new ValueCount("versioned.parity", 0, 0));
    }

    @Test
    void everyCommonFieldIsCountedPerVersion() throws Exception {
        DiffReport r = diff("versioned_1_0_0", "versioned_1_0_1_wrong", Set.of());
        assertThat(r.nothingCompared()).isNull();
        assertThat(r.fieldValues()).containsExactly(new ValueCount("versioned.seq", 200, 200),
                new ValueCount("versioned.parity", 200, 200));
    }

    @Test
    void anAllowedValueChangeNeitherVersionDeclaresIsAnError() {
        assertThatThrownBy(() -> diff("versioned_1_0_0", "versioned_1_0_1_wrong", Set.of("versioned.sqe")))
                .isInstanceOf(UnknownFieldException.class).hasMessageContaining("did you mean versioned.seq?");
        assertThatThrownBy(() -> diff("versioned_1_0_0", "versioned_1_0_1_wrong", Set.of("versioned.seq[1]")))
                .hasMessageContaining("give the name alone");
    }
}

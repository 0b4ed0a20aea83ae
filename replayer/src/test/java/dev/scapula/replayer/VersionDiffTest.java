package dev.scapula.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.io.Compression;
import dev.scapula.replayer.diff.Bump;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.FieldChange;
import dev.scapula.replayer.diff.VersionDiff;
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
}

package dev.scapula.replayer.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** diff's semver verdict reads versions as semver 2.0.0 does. */
class SemverChangeTest {
    private static void assertChange(String old, String updated, Bump made, Bump allows) {
        SemverChange c = SemverChange.between(old, updated);
        assertThat(c.made()).as("%s -> %s made", old, updated).isEqualTo(made);
        assertThat(c.allows()).as("%s -> %s allows", old, updated).isEqualTo(allows);
    }

    @Test
    void releasesBumpWhatTheirNumbersSay() {
        assertChange("1.0.0", "1.0.1", Bump.PATCH, Bump.PATCH);
        assertChange("1.0.9", "1.1.0", Bump.MINOR, Bump.MINOR);
        assertChange("1.4.2", "2.0.0", Bump.MAJOR, Bump.MAJOR);
        assertChange("1.0.10", "1.0.9", Bump.NONE, Bump.NONE);
        assertChange("1.0.0", "1.0.0", Bump.NONE, Bump.NONE);
    }

    @Test
    void leavingAPreReleaseMayChangeAnything() {
        SemverChange c = SemverChange.between("1.0.0-rc.1", "1.0.0");
        assertThat(c.allows()).isEqualTo(Bump.MAJOR);
        assertThat(c.why()).contains("1.0.0-rc.1 is a pre-release");
        assertChange("1.0.0-rc.1", "1.0.0-rc.2", Bump.MAJOR, Bump.MAJOR);
        assertChange("1.0.0-alpha", "1.0.0-alpha.1", Bump.MAJOR, Bump.MAJOR);
        // A pre-release orders before its release: this goes down.
        assertChange("1.0.0", "1.0.0-rc.1", Bump.NONE, Bump.NONE);
        assertChange("1.0.0-rc.2", "1.0.0-rc.10", Bump.MAJOR, Bump.MAJOR);
        assertChange("1.0.0-rc.10", "1.0.0-rc.2", Bump.NONE, Bump.NONE);
        assertChange("1.0.0-rc.1", "1.0.1", Bump.PATCH, Bump.PATCH);
    }

    @Test
    void buildMetadataNeverOrdersVersions() {
        assertChange("1.2.3+build.5", "1.2.3+build.6", Bump.NONE, Bump.NONE);
        assertChange("1.2.3", "1.2.3+build.5", Bump.NONE, Bump.NONE);
        assertChange("1.2.3+build.5", "1.2.4", Bump.PATCH, Bump.PATCH);
    }

    @Test
    void aLeadingVIsRead() {
        assertChange("v1.2.3", "v1.3.0", Bump.MINOR, Bump.MINOR);
        assertChange("v1.2.3", "1.2.3", Bump.NONE, Bump.NONE);
        assertChange("1.2.3", "v2.0.0", Bump.MAJOR, Bump.MAJOR);
    }

    @Test
    void inZeroMajorAMinorBumpMayBreak() {
        SemverChange c = SemverChange.between("0.11.5", "0.12.0");
        assertThat(c.made()).isEqualTo(Bump.MINOR);
        assertThat(c.allows()).isEqualTo(Bump.MAJOR);
        assertThat(c.why()).contains("0.y.z");
        assertChange("0.11.5", "0.11.6", Bump.PATCH, Bump.PATCH);
        assertChange("0.9.0", "1.0.0", Bump.MAJOR, Bump.MAJOR);
    }

    @Test
    void theVerdictJudgesByWhatTheChangeAllows() {
        assertThat(report("0.1.0", "0.2.0", Bump.MAJOR).understated()).isFalse();
        assertThat(report("1.1.0", "1.2.0", Bump.MAJOR).understated()).isTrue();
        assertThat(report("1.0.0-rc.1", "1.0.0", Bump.MAJOR).understated()).isFalse();
        assertThat(report("0.1.0", "0.1.1", Bump.MINOR).understated()).isTrue();
        assertThat(report("1.2.3+a", "1.2.3+b", Bump.PATCH).understated()).isTrue();
    }

    @Test
    void aVersionThatIsNotSemverIsAnErrorNamingIt() {
        assertThatThrownBy(() -> SemverChange.between("1.0", "1.1.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"1.0\"");
        assertThatThrownBy(() -> SemverChange.between("1.0.0", "1.0.0-")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"1.0.0-\"");
    }

    private static DiffReport report(String old, String updated, Bump required) {
        return new DiffReport("p", old, updated, List.of(), List.of(), List.of(), 1, required,
                Bump.between(old, updated), List.of(), List.of(), null);
    }
}

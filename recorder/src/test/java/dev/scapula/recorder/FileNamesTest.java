package dev.scapula.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** File names follow sysdig's cycle dumper for every combination of -C, -G, -e and -W. */
class FileNamesTest {
    /** 2023-11-14 22:13:20 UTC. */
    private static final long T = 1_700_000_000L;

    private static List<String> names(String base, Rotation r, int n) {
        FileNames names = new FileNames(base, r, ZoneOffset.UTC);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(names.next(T + i).name());
        }
        return out;
    }

    @Test
    void sizeRotationAppendsTheIndexPaddedToTheDigitsOfTheFileLimit() {
        assertThat(names("c.scap", new Rotation(1, 0, 0, 0), 12)).startsWith("c.scap0", "c.scap1")
                .contains("c.scap10", "c.scap11");
        assertThat(names("c.scap", new Rotation(1, 0, 0, 10), 11)).startsWith("c.scap00", "c.scap01")
                .containsSubsequence("c.scap09", "c.scap00").hasSize(11);
        assertThat(names("c.scap", new Rotation(1, 0, 0, 3), 4)).containsExactly("c.scap0", "c.scap1", "c.scap2",
                "c.scap0");
    }

    @Test
    void eventRotationUsesTheBareIndexWhateverElseIsSet() {
        assertThat(names("c.scap", new Rotation(0, 0, 100, 0), 3)).containsExactly("c.scap0", "c.scap1", "c.scap2");
        assertThat(names("c.scap", new Rotation(5, 0, 100, 12), 3)).containsExactly("c.scap0", "c.scap1", "c.scap2");
        assertThat(names("c-%H.scap", new Rotation(0, 60, 100, 2), 3)).containsExactly("c-%H.scap0", "c-%H.scap1",
                "c-%H.scap0");
    }

    @Test
    void timeRotationFormatsAnStrftimePatternInTheZoneOrCountsWithoutOne() {
        assertThat(names("c.scap", new Rotation(0, 60, 0, 0), 2)).containsExactly("c.scap0", "c.scap1");
        assertThat(names("c-%Y%m%d-%H%M%S.scap", new Rotation(0, 1, 0, 0), 2))
                .containsExactly("c-20231114-221320.scap", "c-20231114-221321.scap");
        FileNames paris = new FileNames("%F_%T_%j_%s_%a_%b_%p_%Z_%%", new Rotation(0, 1, 0, 0), ZoneId.of("Europe/Paris"));
        assertThat(paris.next(T).name()).isEqualTo("2023-11-14_23:13:20_318_1700000000_Tue_Nov_PM_CET_%");
        assertThat(names("c-%S.scap", new Rotation(2, 1, 0, 0), 2)).containsExactly("c-20.scap0", "c-21.scap1");
    }

    @Test
    void aRingOfStrftimeNamesDeletesTheFileItsSlotHeldBefore() {
        FileNames names = new FileNames("c-%S.scap", new Rotation(0, 1, 0, 2), ZoneOffset.UTC);
        assertThat(names.next(T)).isEqualTo(new FileNames.Next("c-20.scap", Optional.empty()));
        assertThat(names.next(T + 1)).isEqualTo(new FileNames.Next("c-21.scap", Optional.empty()));
        assertThat(names.next(T + 2)).isEqualTo(new FileNames.Next("c-22.scap", Optional.of("c-20.scap")));
        assertThat(names.next(T + 3)).isEqualTo(new FileNames.Next("c-23.scap", Optional.of("c-21.scap")));
    }

    @Test
    void noRotationKeepsTheNameAndBadLimitsOrPatternsAreRefused() {
        assertThat(names("c.scap", Rotation.NONE, 1)).containsExactly("c.scap");
        assertThatThrownBy(() -> new Rotation(0, 0, 0, 3)).hasMessageContaining("-W").hasMessageContaining("-C, -G or -e");
        assertThatThrownBy(() -> new Rotation(-1, 0, 0, 0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new FileNames("c-%Q.scap", new Rotation(0, 1, 0, 0), ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%Q");
    }
}

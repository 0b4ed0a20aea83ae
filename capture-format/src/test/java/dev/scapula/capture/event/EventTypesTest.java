package dev.scapula.capture.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * The event table data says what libscap's table (falcosecurity/libs driver/event_table.c and
 * ppm_events_public.h) says, and a malformed table is refused with the line at fault.
 */
class EventTypesTest {
    private final EventTypes table = EventTypes.standard();

    @Test
    void hasOneRowForEveryCodeBelowPpmEventMax() {
        assertThat(table.limit()).isEqualTo(454); // PPM_EVENT_MAX
        for (int code = 0; code < table.limit(); code++) {
            EventType t = table.get(code).orElseThrow(AssertionError::new);
            assertThat(t.code()).isEqualTo(code);
            assertThat(t.params()).as("code %d", code).hasSize(t.paramCount());
            assertThat(t.direction()).as("code %d", code).isIn('E', 'X');
        }
        assertThat(table.get(454)).isEmpty();
        assertThat(table.get(-1)).isEmpty();
        assertThat(table.name(9999)).isEqualTo("unknown(9999)");
        assertThat(table.paramCount(9999)).isZero();
    }

    @Test
    void ppmeCodesAlternateEnterAndExit() {
        // Every PPME_*_E code is even and its PPME_*_X partner follows it.
        for (int code = 0; code < table.limit(); code++) {
            assertThat(table.get(code).orElseThrow().direction()).as("code %d", code)
                    .isEqualTo(code % 2 == 0 ? 'E' : 'X');
        }
    }

    @Test
    void pluginEventHasTwoParametersWithU32Lengths() {
        EventType plugin = table.get(EventTypes.PLUGIN_EVENT).orElseThrow();
        assertThat(plugin.name()).isEqualTo("pluginevent");
        assertThat(plugin.direction()).isEqualTo('E');
        assertThat(plugin.flags()).isEqualTo(EventTypes.EF_LARGE_PAYLOAD);
        assertThat(plugin.params()).containsExactly(new EventType.Param("plugin_id", "PT_UINT32"),
                new EventType.Param("event_data", "PT_BYTEBUF"));
        assertThat(table.paramCount(322)).isEqualTo(2);
        assertThat(table.isLarge(322)).isTrue();
        EventType exit = table.get(323).orElseThrow();
        assertThat(exit.name()).isEqualTo("NA");
        assertThat(exit.flags() & EventTypes.EF_UNUSED).isNotZero();
        assertThat(table.isLarge(323)).isFalse();
    }

    @Test
    void asyncEventHasThreeParametersWithU32Lengths() {
        EventType async = table.get(EventTypes.ASYNC_EVENT).orElseThrow();
        assertThat(async.name()).isEqualTo("asyncevent");
        assertThat(table.paramCount(402)).isEqualTo(3);
        assertThat(async.params()).extracting(EventType.Param::name).containsExactly("plugin_id", "name", "data");
        assertThat(async.params()).extracting(EventType.Param::type)
                .containsExactly("PT_UINT32", "PT_CHARBUF", "PT_BYTEBUF");
        assertThat(table.isLarge(402)).isTrue();
        assertThat(table.get(403).orElseThrow().flags()).isEqualTo(EventTypes.EF_UNUSED);
    }

    @Test
    void containerJsonEventIsLargeAndModifiesState() {
        EventType container = table.get(324).orElseThrow();
        assertThat(container.name()).isEqualTo("container");
        assertThat(container.flags()).isEqualTo(EventTypes.EF_LARGE_PAYLOAD | EventTypes.EF_MODIFIES_STATE);
        assertThat(container.params()).containsExactly(new EventType.Param("json", "PT_CHARBUF"));
    }

    @Test
    void wellKnownSyscallsHaveU16LengthsNamesAndParameterCounts() {
        EventType openEnter = table.get(2).orElseThrow();
        EventType openExit = table.get(3).orElseThrow();
        assertThat(openEnter.name()).isEqualTo("open");
        assertThat(openEnter.arrow()).isEqualTo(">");
        assertThat(openEnter.paramCount()).isEqualTo(3);
        assertThat(openExit.name()).isEqualTo("open");
        assertThat(openExit.arrow()).isEqualTo("<");
        assertThat(openExit.paramCount()).isEqualTo(6);
        assertThat(openExit.params().get(0)).isEqualTo(new EventType.Param("fd", "PT_FD"));
        assertThat(table.isLarge(3)).isFalse();
        // PPME_SYSCALL_OPENAT_2_X = 307
        assertThat(table.name(307)).isEqualTo("openat");
        assertThat(table.paramCount(307)).isEqualTo(7);
        // PPME_SYSCALL_EXECVE_19_E/X = 292/293, the current execve pair
        assertThat(table.name(292)).isEqualTo("execve");
        assertThat(table.get(292).orElseThrow().params()).containsExactly(new EventType.Param("filename", "PT_FSPATH"));
        assertThat(table.paramCount(293)).isEqualTo(31);
        // PPME_SYSCALL_EXECVE_8_X = 13, an old version kept for old captures
        assertThat(table.name(13)).isEqualTo("execve");
        assertThat(table.paramCount(13)).isEqualTo(8);
        assertThat(table.get(12).orElseThrow().flags() & (1 << 9)).as("EF_OLD_VERSION").isNotZero();
        // PPME_SOCKET_CONNECT_X = 23
        assertThat(table.get(23).orElseThrow().params()).extracting(EventType.Param::type)
                .containsExactly("PT_ERRNO", "PT_SOCKTUPLE", "PT_FD", "PT_SOCKADDR");
        assertThat(table.name(0)).isEqualTo("syscall");
        assertThat(table.name(453)).isEqualTo("keyctl");
        for (int code = 0; code < table.limit(); code++) {
            if (code != 322 && code != 324 && code != 402) {
                assertThat(table.isLarge(code)).as("code %d", code).isFalse();
            }
        }
    }

    @Test
    void onlyNotificationAndInfraGetTheV1LengthFixUp() {
        assertThat(table.name(EventTypes.NOTIFICATION_EVENT)).isEqualTo("notification");
        assertThat(table.name(EventTypes.INFRASTRUCTURE_EVENT)).isEqualTo("infra");
        assertThat(table.paramCount(EventTypes.NOTIFICATION_EVENT)).isEqualTo(2);
        assertThat(table.paramCount(EventTypes.INFRASTRUCTURE_EVENT)).isEqualTo(4);
        for (int code = -1; code <= table.limit(); code++) {
            assertThat(table.v1LengthIsThreeTooLong(code)).as("code %d", code)
                    .isEqualTo(code == 280 || code == 286);
        }
    }

    @Test
    void parsesAWellFormedTable() throws IOException {
        EventTypes t = EventTypes.parse("t.tsv", new StringReader(
                "# header\n0\tsyscall\t0x1200\t1\tID:PT_SYSCALLID\tE\n\n1\tNA\t0x40\t0\t\tX\n"));
        assertThat(t.limit()).isEqualTo(2);
        assertThat(t.get(0).orElseThrow().flags()).isEqualTo(0x1200);
        assertThat(t.get(1).orElseThrow().params()).isEmpty();
    }

    @Test
    void refusesAMalformedTableNamingTheLine() {
        assertRefused("0\tsyscall\t0x0\t0\t\tE\n2\topen\t0x0\t0\t\tE\n", "t.tsv line 2: code 2 out of order, expected 1");
        assertRefused("0\tsyscall\t0x0\t0\t\n", "t.tsv line 1: expected 6 tab-separated fields");
        assertRefused("#\n0\tsyscall\t0x0\t2\tID:PT_SYSCALLID\tE\n", "t.tsv line 2: event type 0 (syscall) declares 2");
        assertRefused("0\tsyscall\t12\t0\t\tE\n", "t.tsv line 1: flags '12' are not 0x-prefixed hex");
        assertRefused("0\tsyscall\t0x0\t1\tID\tE\n", "t.tsv line 1: parameter 'ID' is not name:PT_TYPE");
        assertRefused("0\tsyscall\t0x0\t0\t\tQ\n", "t.tsv line 1: event type 0 (syscall) has direction 'Q'");
        assertRefused("x\tsyscall\t0x0\t0\t\tE\n", "t.tsv line 1: ");
        assertRefused("# only comments\n", "t.tsv: no event rows");
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> EventTypes.parse("t.tsv", new StringReader(text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}

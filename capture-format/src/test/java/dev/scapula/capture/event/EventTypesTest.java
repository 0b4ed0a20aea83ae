package dev.scapula.capture.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The event table data says what libscap's table says for the codes scapula relies on. */
class EventTypesTest {
    private final EventTypes table = EventTypes.standard();

    @Test
    void knowsEveryCodeUpToTheLimitLibscapUses() {
        assertThat(table.limit()).isEqualTo(454);
        for (int code = 0; code < table.limit(); code++) {
            assertThat(table.get(code)).as("code %d", code).isPresent();
        }
        assertThat(table.get(454)).isEmpty();
    }

    @Test
    void pluginAndAsyncEventsHaveU32LengthsAndTheirParameters() {
        EventType plugin = table.get(EventTypes.PLUGIN_EVENT).orElseThrow();
        assertThat(plugin.name()).isEqualTo("pluginevent");
        assertThat(plugin.params()).extracting(EventType.Param::name).containsExactly("plugin_id", "event_data");
        assertThat(table.isLarge(322)).isTrue();
        EventType async = table.get(EventTypes.ASYNC_EVENT).orElseThrow();
        assertThat(async.name()).isEqualTo("asyncevent");
        assertThat(async.params()).extracting(EventType.Param::type)
                .containsExactly("PT_UINT32", "PT_CHARBUF", "PT_BYTEBUF");
        assertThat(table.isLarge(402)).isTrue();
        assertThat(table.isLarge(324)).isTrue();
        assertThat(table.get(323).orElseThrow().flags() & EventTypes.EF_UNUSED).isNotZero();
    }

    @Test
    void syscallEventsHaveU16LengthsNamesAndDirections() {
        EventType openExit = table.get(3).orElseThrow();
        assertThat(openExit.name()).isEqualTo("open");
        assertThat(openExit.direction()).isEqualTo('X');
        assertThat(openExit.arrow()).isEqualTo("<");
        assertThat(openExit.params().get(0).name()).isEqualTo("fd");
        assertThat(table.get(2).orElseThrow().arrow()).isEqualTo(">");
        assertThat(table.isLarge(3)).isFalse();
        assertThat(table.paramCount(234)).isEqualTo(2);
        assertThat(table.name(9999)).isEqualTo("unknown(9999)");
    }
}

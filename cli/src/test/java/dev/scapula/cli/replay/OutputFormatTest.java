package dev.scapula.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** -p formats parse and print as libsinsp's formatter does. */
class OutputFormatTest {
    private static final Set<String> KNOWN = Set.of("evt.num", "evt.type", "fields.byte[3]", "evt.source");

    private static OutputFormat parse(String format) {
        return OutputFormat.parse(format, KNOWN::contains);
    }

    @Test
    void theLongestKnownFieldWinsAndTheRestIsText() {
        OutputFormat f = parse("n=%evt.num.x %evt.type, %fields.byte[3]]");
        assertThat(f.fields()).containsExactly("evt.num", "evt.type", "fields.byte[3]");
        assertThat(f.render(Map.of("evt.num", "7", "evt.type", "pluginevent", "fields.byte[3]", "9")))
                .isEqualTo("n=7.x pluginevent, 9]");
    }

    @Test
    void widthPadsAndCuts() {
        OutputFormat f = parse("%4evt.num|%3evt.type|");
        assertThat(f.render(Map.of("evt.num", "7", "evt.type", "pluginevent"))).isEqualTo("7   |plu|");
    }

    @Test
    void missingValuesDropTheLineOrPrintNotAvailable() {
        assertThat(parse("%evt.num %evt.source").render(Map.of("evt.num", "1"))).isNull();
        assertThat(parse("*%evt.num %evt.source").render(Map.of("evt.num", "1"))).isEqualTo("1 <NA>");
    }

    @Test
    void malformedFormatsAreRefused() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("%evt.num %")).hasMessageContaining("cannot end with %");
        assertThatThrownBy(() -> parse("%12")).hasMessageContaining("cannot end with a number");
        assertThatThrownBy(() -> parse("%%")).hasMessageContaining("unknown field at \"%%\"");
        assertThatThrownBy(() -> parse("%evt.nope")).hasMessageContaining("unknown field");
    }
}

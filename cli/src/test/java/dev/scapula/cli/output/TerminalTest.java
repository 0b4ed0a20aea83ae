package dev.scapula.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one sanitiser for text output, and JSON's escaping of the same characters. */
class TerminalTest {
    @Test
    void escapesC0DelAndC1AsHexAndLeavesTheRestAlone() {
        assertThat(Terminal.safe("\u0000\u0007\t\n\r\u001b[2J\u001f")).isEqualTo("\\x00\\x07\\x09\\x0a\\x0d\\x1b[2J\\x1f");
        assertThat(Terminal.safe("\u007f\u0080\u009b\u009f")).isEqualTo("\\x7f\\x80\\x9b\\x9f");
        // the first characters past each range are text
        String text = " ~\u00a0é€\ud83d\ude00 \\x1b";
        assertThat(Terminal.safe(text)).isSameAs(text);
        assertThat(Terminal.safe(null)).isNull();
    }

    @Test
    void jsonEscapesDelAndC1AsC0AndReadsBackTheSameString() throws Exception {
        String value = "a\u001b\u007f\u0085\u009b\u00a0é\n";
        String line = new Json().line(Map.of("v", value));
        assertThat(line).isEqualTo("{\"v\":\"a\\u001B\\u007F\\u0085\\u009B\u00a0é\\n\"}");
        assertThat(new ObjectMapper().readTree(line).get("v").asText()).isEqualTo(value);
    }
}

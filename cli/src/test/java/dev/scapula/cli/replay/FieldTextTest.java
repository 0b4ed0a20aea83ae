package dev.scapula.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.plugin.extract.FieldType;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.cli.output.LinePrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Values print as libsinsp's tostring prints them; IPv6 as glibc's inet_ntop writes it. */
class FieldTextTest {
    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "0:0:0:0:0:0:102:304, ::1.2.3.4",
        "0:0:0:0:0:ffff:102:304, ::ffff:1.2.3.4",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "10.0.0.7, 10.0.0.7"})
    void addressesAsInetNtop(String javaText, String expected) {
        assertThat(FieldText.address(javaText)).isEqualTo(expected);
    }

    @Test
    void mappedAddressBytesKeepTheirIpv6Form() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        assertThat(FieldText.ipv6(mapped)).isEqualTo("::ffff:10.0.0.1");
        // Java turns these 16 bytes into an IPv4 address: the extractor's text is only ever 4 dotted bytes then
        assertThat(InetAddress.getByAddress(mapped).getHostAddress()).isEqualTo("10.0.0.1");
    }

    @Test
    void numbersBoolsListsAndMissingValues() throws IOException {
        assertThat(FieldText.text(value(FieldType.UINT64, false, -1L))).isEqualTo("18446744073709551615");
        assertThat(FieldText.text(value(FieldType.BOOL, false, true))).isEqualTo("true");
        assertThat(FieldText.text(value(FieldType.UINT64, true, 1L, 2L, 3L))).isEqualTo("(1,2,3)");
        assertThat(FieldText.text(value(FieldType.IPNET, false, "10.0.0.0"))).isEqualTo("<IPNET>");
        assertThat(FieldText.text(value(FieldType.STRING, false))).isNull();
        assertThat(json(value(FieldType.UINT64, false, -1L))).isEqualTo("18446744073709551615");
        assertThat(json(value(FieldType.UINT64, true, 1L, 2L))).isEqualTo("[1,2]");
        assertThat(json(value(FieldType.STRING, false))).isEqualTo("null");
    }

    @Test
    void jsonStringsKeepFourByteCharactersWholeAndEscapeEveryControlCharacter() throws IOException {
        String value = "\u00e9\ud83d\ude00\u0001\n\"\\\u007f\u0085";
        assertThat(json(value(FieldType.STRING, false, value)))
                .isEqualTo("\"\u00e9\ud83d\ude00\\u0001\\n\\\"\\\\\\u007F\\u0085\"");
    }

    @ParameterizedTest
    @CsvSource({"0", "7", "10", "9223372036854775807", "-9223372036854775808", "-10", "-1"})
    void numbersWrittenAsDigitsReadAsTheirTextDoes(long n) throws IOException {
        FieldValue v = value(FieldType.UINT64, false, n);
        assertThat(text(v)).isEqualTo(FieldText.text(v)).isEqualTo(Long.toUnsignedString(n));
    }

    @Test
    void writtenTextIsSanitisedAndMissingValuesNamed() throws IOException {
        assertThat(text(value(FieldType.STRING, false, "a\u001b[2Jb\u009b"))).isEqualTo("a\\x1b[2Jb\\x9b");
        assertThat(text(value(FieldType.STRING, false))).isEqualTo("<NA>");
        assertThat(text(value(FieldType.RELTIME, true, 1L, -1L))).isEqualTo("(1,18446744073709551615)");
    }

    private static String json(FieldValue v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (LinePrinter out = new LinePrinter(b)) {
            FieldText.writePluginJson(out.json(), v);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String text(FieldValue v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (LinePrinter out = new LinePrinter(b)) {
            FieldText.writeText(out, v, FieldText.NOT_AVAILABLE);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static FieldValue value(FieldType type, boolean list, Object... values) {
        return new FieldValue("x.y", type, list, List.of(values), null, null);
    }
}

package dev.scapula.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.plugin.extract.FieldType;
import dev.scapula.plugin.extract.FieldValue;
import java.net.InetAddress;
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
    void numbersBoolsListsAndMissingValues() {
        assertThat(FieldText.text(value(FieldType.UINT64, false, -1L))).isEqualTo("18446744073709551615");
        assertThat(FieldText.text(value(FieldType.BOOL, false, true))).isEqualTo("true");
        assertThat(FieldText.text(value(FieldType.UINT64, true, 1L, 2L, 3L))).isEqualTo("(1,2,3)");
        assertThat(FieldText.text(value(FieldType.IPNET, false, "10.0.0.0"))).isEqualTo("<IPNET>");
        assertThat(FieldText.text(value(FieldType.STRING, false))).isNull();
        assertThat(FieldText.json(value(FieldType.UINT64, false, -1L), 0).toString())
                .isEqualTo("18446744073709551615");
        assertThat(FieldText.json(value(FieldType.UINT64, true, 1L, 2L), 0).toString()).isEqualTo("[1,2]");
    }

    private static FieldValue value(FieldType type, boolean list, Object... values) {
        return new FieldValue("x.y", type, list, List.of(values), null, null);
    }
}

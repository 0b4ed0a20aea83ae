package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.Prerequisite;
import dev.scapula.capture.SharedCaptures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** info and cat read the public libscap captures without error, with the counts their README states. */
class SharedCapturesCommandTest {
    private final ObjectMapper json = new ObjectMapper();

    private static Path dir() {
        Path dir = SharedCaptures.dir().orElse(null);
        Prerequisite.require(dir != null, "shared/captures beside the repository");
        return dir;
    }

    @ParameterizedTest
    @CsvSource({"curl_google.scap, 1536", "curl_google_comments.scap, 1536", "single_ipv6_conn.scap, 1728",
        "test_ipv6_client.scap, 326"})
    void infoAndCatReadEveryEvent(String name, long events) throws Exception {
        String file = dir().resolve(name).toString();
        CommandRun info = CommandRun.of("info", "--json", file);
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode s = json.readTree(info.out());
        assertThat(s.get("events").asLong()).isEqualTo(events);
        assertThat(s.has("damage")).isFalse();
        CommandRun cat = CommandRun.of("cat", file);
        assertThat(cat.exitCode()).as(cat.err()).isZero();
        assertThat(cat.out().lines().count()).isEqualTo(events);
    }

    @Test
    void infoShowsMachineInfoAndTheStateRecordedAtStart() throws Exception {
        CommandRun info = CommandRun.of("info", "-j", dir().resolve("curl_google.scap").toString());
        JsonNode s = json.readTree(info.out());
        assertThat(s.get("machine").get("hostname").asText()).isEqualTo("ip-10-0-0-79");
        assertThat(s.get("machine").get("cpus").asInt()).isEqualTo(1);
        assertThat(s.get("metadata").get("threads").asLong()).isEqualTo(54);
        assertThat(s.get("format").asText()).isEqualTo("scap 1.0");
    }

    @Test
    void catShowsSyscallParametersByTheirTypes() {
        CommandRun cat = CommandRun.of("cat", "--text", "-n", "1", dir().resolve("curl_google.scap").toString());
        assertThat(cat.out().strip()).isEqualTo("1 17:35:42.999999999 0 (1) > procinfo cpu_usr=96 cpu_sys=215");
    }
}

package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.Compression;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public captures written by libscap itself (shared/captures, see its README) read without
 * error, with the block and event counts libscap wrote. All four are gzip files, whatever
 * that README's compression column says: the reader tells compression from the bytes.
 */
class LibscapCapturesTest {
    @ParameterizedTest
    @CsvSource({
        "curl_google.scap, GZIP, 1536, 1.0, 0x204, 54",
        "curl_google_comments.scap, GZIP, 1536, 1.0, 0x204, 54",
        "single_ipv6_conn.scap, GZIP, 1728, 1.2, 0x216, 154",
        "test_ipv6_client.scap, GZIP, 326, 1.0, 0x204, 58"})
    void readsEveryEventOfALibscapCapture(String name, Compression compression, long events, String version,
            String eventBlock, long fdLists) throws Exception {
        Path dir = SharedCaptures.dir().orElse(null);
        Prerequisite.require(dir != null, "shared/captures beside the repository");
        try (CaptureReader r = CaptureReader.open(dir.resolve(name))) {
            assertThat(r.compression()).isEqualTo(compression);
            assertThat(r.firstSection().version()).isEqualTo(version);
            long n = 0;
            long lastTs = 0;
            for (Event e = r.next(); e != null; e = r.next()) {
                n++;
                assertThat(e.number()).isEqualTo(n);
                assertThat(e.paramCount()).isLessThanOrEqualTo(e.length());
                lastTs = e.timestamp();
            }
            assertThat(n).isEqualTo(events);
            assertThat(lastTs).isGreaterThan(1_500_000_000_000_000_000L);
            Map<Integer, Long> blocks = r.blockCounts();
            assertThat(blocks.get(Integer.decode(eventBlock))).isEqualTo(events);
            assertThat(blocks.get(BlockType.MACHINE_INFO)).isEqualTo(1);
            long fd = blocks.getOrDefault(BlockType.FD_LIST, 0L) + blocks.getOrDefault(BlockType.FD_LIST_V2, 0L);
            assertThat(fd).isEqualTo(fdLists);
        }
    }
}

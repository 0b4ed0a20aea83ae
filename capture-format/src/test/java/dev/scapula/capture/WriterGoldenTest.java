package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterGoldenTest {
    /**
     * SHB 1.2 then one plugin event (id 999, "hello", ts 1700000000000000000, tid -1) in an
     * EV_V2_LARGE block: the bytes libscap's own scap_dump writes, checked against a libscap
     * build (see shared/reference/scap-format.md section 8).
     */
    private static final String LIBSCAP_SHB_AND_EVENT = "0a0d0d0a1c0000004d3c2b1a01000200ffffffffffffffff1c000000"
            + "210200003c000000000000002a36fe9c9717ffffffffffffffff2b0000004201020000000400000005000000"
            + "e703000068656c6c6f0000003c000000";
    /** The zeroed machine info block sinsp_dumper writes for a plugin source (generic platform). */
    private static final String ZERO_MACHINE_INFO = "01020000c0000000" + "00".repeat(180) + "c0000000";

    @Test
    void writesThePluginEventBytesLibscapsDumperWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hello.scap");
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain())) {
            w.writePluginEvent(1_700_000_000_000_000_000L, -1L, 999, "hello".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] expected = HexFormat.of().parseHex(LIBSCAP_SHB_AND_EVENT.substring(0, 56) + ZERO_MACHINE_INFO
                + LIBSCAP_SHB_AND_EVENT.substring(56));
        assertThat(Files.readAllBytes(file)).hasSize(280).isEqualTo(expected);
    }
}

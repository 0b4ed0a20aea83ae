package dev.scapula.capture.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.SharedCaptures;
import dev.scapula.capture.block.BlockType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata blocks of real libscap captures decode to what their machine recorded. */
class MetadataDecoderTest {
    private static Path capture(String name) {
        Path dir = SharedCaptures.dir().orElse(null);
        if (System.getenv("CI") == null) {
            assumeTrue(dir != null, "shared/captures not found");
        }
        assertThat(dir).isNotNull();
        return dir.resolve(name);
    }

    private static <T> List<T> all(CaptureReader r, Class<T> type) {
        return r.metadata().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void decodesTheLegacyBlocksOfCurlGoogle() throws Exception {
        try (CaptureReader r = CaptureReader.open(capture("curl_google.scap"))) {
            MachineInfo mi = r.machineInfo().orElseThrow();
            assertThat(mi.numCpus()).isEqualTo(1);
            assertThat(mi.hostname()).isEqualTo("ip-10-0-0-79");
            ProcessList pl = all(r, ProcessList.class).get(0);
            assertThat(pl.version()).isEqualTo(5);
            ProcessList.ProcessEntry init = pl.entries().get(0);
            assertThat(init.tid()).isEqualTo(1);
            assertThat(init.pid()).isEqualTo(1);
            assertThat(init.comm()).isEqualTo("systemd");
            assertThat(init.exe()).isEqualTo("/sbin/init");
            assertThat(pl.entries()).extracting(ProcessList.ProcessEntry::comm).contains("systemd-journal");
            List<FdList> fds = all(r, FdList.class);
            assertThat(fds).hasSize(54);
            assertThat(fds.stream().flatMap(f -> f.entries().stream()).map(FdList.FdEntry::typeName))
                    .contains("file", "ipv4");
            assertThat(all(r, InterfaceList.class).get(0).interfaces()).extracting(InterfaceList.Interface::name)
                    .contains("lo");
            assertThat(all(r, UserList.class).get(0).users()).extracting(UserList.User::name).contains("root");
        }
    }

    @Test
    void decodesTheCurrentBlocksOfSingleIpv6Conn() throws Exception {
        try (CaptureReader r = CaptureReader.open(capture("single_ipv6_conn.scap"))) {
            ProcessList pl = all(r, ProcessList.class).get(0);
            assertThat(pl.blockType()).isEqualTo(BlockType.PROCESS_LIST_V9);
            assertThat(pl.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.tid()).isPositive());
            assertThat(all(r, FdList.class)).hasSize(154).allSatisfy(f -> assertThat(f.blockType())
                    .isEqualTo(BlockType.FD_LIST_V2));
            assertThat(all(r, InterfaceList.class).get(0).interfaces()).extracting(InterfaceList.Interface::family)
                    .contains("ipv4", "ipv6");
            UserList ul = all(r, UserList.class).get(0);
            assertThat(ul.blockType()).isEqualTo(BlockType.USER_LIST_V2);
            assertThat(ul.groups()).extracting(UserList.Group::name).contains("root");
        }
    }

    @Test
    void anOverlongCommandNameIsRefusedAtItsOffset(@TempDir Path dir) throws Exception {
        // SHB, then a PL v5 block whose first entry's comm claims 2000 bytes.
        ByteBuffer b = ByteBuffer.allocate(28 + 48).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 2).putLong(-1)
                .putInt(28);
        b.putInt(BlockType.PROCESS_LIST_V5).putInt(48).putLong(1).putLong(1).putLong(0).putShort((short) 2000)
                .put(new byte[10]).putInt(48);
        Path file = dir.resolve("pl.scap");
        Files.write(file, b.array());
        assertThatThrownBy(() -> CaptureReader.open(file))
                .hasMessageContaining("byte 60, block 2 (PL_V5(0x211))")
                .hasMessageContaining("invalid comm length 2000 (at most 1024 expected)");
    }
}

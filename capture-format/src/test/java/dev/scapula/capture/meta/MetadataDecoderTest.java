package dev.scapula.capture.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.Prerequisite;
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
        Prerequisite.require(dir != null, "shared/captures beside the repository");
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

    private static Path file(Path dir, String name, ByteBuffer blocks) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(28 + blocks.position()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 2).putLong(-1)
                .putInt(28);
        b.put(blocks.array(), 0, blocks.position());
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void aMachineInfoBlockOfAnyOtherSizeThan192IsRefused(@TempDir Path dir) throws Exception {
        ByteBuffer mi = ByteBuffer.allocate(196).order(ByteOrder.LITTLE_ENDIAN);
        mi.putInt(BlockType.MACHINE_INFO).putInt(196).put(new byte[184]).putInt(196);
        Path f = file(dir, "mi.scap", mi);
        assertThatThrownBy(() -> CaptureReader.open(f))
                .hasMessageContaining("block 2 (MI(0x201))")
                .hasMessageContaining("machine info body is 184 bytes; libscap reads exactly 180");
    }

    @Test
    void aProcessEntryLengthPastTheBlockIsRefusedUpFront(@TempDir Path dir) throws Exception {
        ByteBuffer pl = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        pl.putInt(BlockType.PROCESS_LIST_V9).putInt(24).putInt(0xfffffff0).putLong(1).putInt(24);
        Path f = file(dir, "pl9.scap", pl);
        assertThatThrownBy(() -> CaptureReader.open(f))
                .hasMessageContaining("byte 36, block 2 (PL_V9(0x215))")
                .hasMessageContaining("process list entry_len 4294967280 overruns the block: only 12 bytes remain");
    }

    @Test
    void aV2InterfaceEntryLengthOfZeroIsRefused(@TempDir Path dir) throws Exception {
        ByteBuffer il = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        il.putInt(BlockType.INTERFACE_LIST_V2).putInt(20).putInt(0).putInt(0).putInt(20);
        Path f = file(dir, "il.scap", il);
        assertThatThrownBy(() -> CaptureReader.open(f))
                .hasMessageContaining("IL_V2(0x219)")
                .hasMessageContaining("corrupted interface list: entry_len 0");
    }
}

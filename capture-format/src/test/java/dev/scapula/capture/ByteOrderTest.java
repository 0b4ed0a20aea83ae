package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.event.Event;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A section's byte order comes from its magic: a big-endian section (which libscap itself cannot
 * read, having no swap path) is read with every integer swapped, and reported as such.
 */
class ByteOrderTest {
    @Test
    void readsABigEndianSectionWithAPluginEvent(@TempDir Path dir) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(28 + 60).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 2).putLong(-1)
                .putInt(28);
        b.putInt(0x221).putInt(60).putShort((short) 3);
        b.putLong(1_700_000_000_000_000_000L).putLong(-1).putInt(43).putShort((short) 322).putInt(2);
        b.putInt(4).putInt(5).putInt(999).put("hello".getBytes()).put(new byte[3]).putInt(60);
        Path file = dir.resolve("be.scap");
        Files.write(file, Arrays.copyOf(b.array(), b.position()));
        try (CaptureReader r = CaptureReader.open(file)) {
            assertThat(r.firstSection().byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
            assertThat(r.firstSection().byteOrderName()).isEqualTo("big-endian");
            Event e = r.next();
            assertThat(e.cpuId()).isEqualTo(3);
            assertThat(e.timestamp()).isEqualTo(1_700_000_000_000_000_000L);
            assertThat(e.asPluginEvent().pluginId()).isEqualTo(999);
            assertThat(e.asPluginEvent().payload()).isEqualTo("hello".getBytes());
            assertThat(r.next()).isNull();
        }
    }
}

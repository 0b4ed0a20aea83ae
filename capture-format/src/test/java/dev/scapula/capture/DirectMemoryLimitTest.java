package dev.scapula.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.write.CaptureOptions;
import dev.scapula.capture.write.CaptureWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block larger than the JVM's direct memory ends in our own error naming the block, not an
 * {@link OutOfMemoryError}: a child JVM with 16 MiB of direct memory reads a 64 MiB event.
 */
class DirectMemoryLimitTest {
    private static final int PAYLOAD = 64 << 20;

    @TempDir
    Path dir;

    @Test
    void aBlockBeyondTheDirectMemoryLimitIsRefusedWithItsOffsetAndTheFlagToRaise() throws Exception {
        Path file = dir.resolve("big-event.scap.zst");
        try (CaptureWriter w = CaptureWriter.create(file, CaptureOptions.plain().withCompression(Compression.ZSTD))) {
            w.writePluginEvent(1, -1, 9001, new byte[16]);
            w.writePluginEvent(2, -1, 9001, new byte[PAYLOAD]);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxDirectMemorySize=16m");
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle") || flag.startsWith("-Ddisable")
                    || flag.equals("-XX:+IgnoreUnrecognizedVMOptions") || flag.startsWith("--sun-misc")
                    || flag.startsWith("--enable-native-access")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReadToEnd.class.getName(),
                file.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // Chronicle logs a line of its own first: the last line is the reader's.
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as(out).startsWith("1 events, then: " + file + ": byte 288, block 4 (EV_V2_LARGE(0x221)): "
                + "block length " + (8 + 2 + 26 + 8 + 4 + PAYLOAD + 4) + " needs more direct memory than this JVM "
                + "allows (").endsWith("); raise -XX:MaxDirectMemorySize or -Xmx");
        assertThat(out).doesNotContain("\tat ");
        assertThat(child.exitValue()).isEqualTo(2);
    }

    /** Reads a capture to its end in the child JVM and prints how far it got and our error. */
    public static final class ReadToEnd {
        private ReadToEnd() {
        }

        public static void main(String[] args) throws IOException {
            long events = 0;
            try (CaptureReader r = CaptureReader.open(args[0])) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    events++;
                }
                System.out.println(events + " events");
            } catch (CaptureException e) {
                System.out.println(events + " events, then: " + e.getMessage());
                System.exit(2);
            }
        }
    }
}

package dev.scapula.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every sample plugin was built, and fresh copies are distinct files with the same bytes. */
class SamplePluginsTest {
    @Test
    void everyNamedPluginWasBuiltIntoAnElfSharedLibrary() throws Exception {
        for (String name : SamplePlugins.NAMES) {
            Path p = SamplePlugins.path(name);
            byte[] head = new byte[4];
            System.arraycopy(Files.readAllBytes(p), 0, head, 0, 4);
            assertThat(head).as(name).containsExactly(0x7f, 'E', 'L', 'F');
            assertThat(SamplePlugins.has(name)).isTrue();
        }
        assertThat(SamplePlugins.has("nosuch")).isFalse();
    }

    @Test
    void freshCopiesAreNewFilesWithTheSameBytes() throws Exception {
        Path a = SamplePlugins.freshCopy("counter");
        Path b = SamplePlugins.freshCopy("counter");
        assertThat(a).isNotEqualTo(b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(SamplePlugins.path("counter")));
    }
}

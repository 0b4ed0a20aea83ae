package dev.scapula.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every sample plugin was built where it belongs, and fresh copies are distinct files with the same bytes. */
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
    void examplesComeWithTheJarAndFixturesOnlyWithTheTestJar() {
        String jar = root(SamplePlugins.class.getResource("SamplePlugins.class"), "SamplePlugins.class");
        for (String name : SamplePlugins.EXAMPLES) {
            assertThat(root(SamplePlugins.class.getResource(name + ".so"), name + ".so")).as(name).isEqualTo(jar);
        }
        for (String name : SamplePlugins.FIXTURES) {
            assertThat(root(SamplePlugins.class.getResource(name + ".so"), name + ".so")).as(name).isNotEqualTo(jar);
        }
        if (SamplePlugins.has(SamplePlugins.GO_PLUGIN)) {
            assertThat(root(SamplePlugins.class.getResource(SamplePlugins.GO_PLUGIN + ".so"), SamplePlugins.GO_PLUGIN + ".so"))
                    .isNotEqualTo(jar);
        }
    }

    @Test
    void freshCopiesAreNewFilesWithTheSameBytes() throws Exception {
        Path a = SamplePlugins.freshCopy("counter");
        Path b = SamplePlugins.freshCopy("counter");
        assertThat(a).isNotEqualTo(b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(SamplePlugins.path("counter")));
    }

    /** The class path entry (folder or jar) a resource of this package was found in. */
    private static String root(URL url, String file) {
        String s = url.toString();
        assertThat(s).endsWith("dev/scapula/samples/" + file);
        return s.substring(0, s.length() - ("dev/scapula/samples/" + file).length());
    }
}

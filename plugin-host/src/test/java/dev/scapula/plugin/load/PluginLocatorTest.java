package dev.scapula.plugin.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.plugin.PluginException;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's argument may be a path; a name from a capture is only ever a name. */
class PluginLocatorTest {
    @TempDir
    Path dir;

    private PluginLocator locator() {
        return new PluginLocator(List.of(dir), n -> SamplePlugins.has(n) ? SamplePlugins.path(n) : null);
    }

    @Test
    void aUsersArgumentWithASlashOrSoEndingIsAPath() throws Exception {
        assertThat(locator().locate("x.so")).isEqualTo(Path.of("x.so"));
        assertThat(locator().locate("./sub/libx")).isEqualTo(Path.of("./sub/libx"));
    }

    @Test
    void aNameIsSearchedInTheDirectoriesThenTheBundledSamples() throws Exception {
        Path mine = Files.copy(SamplePlugins.path("fields"), dir.resolve("libcounter.so"));
        assertThat(locator().locateName("counter")).isEqualTo(mine);
        Path sample = locator().locateName("stateful");
        assertThat(sample.getParent()).isNotEqualTo(dir);
        assertThat(Files.mismatch(sample, SamplePlugins.path("stateful"))).isEqualTo(-1L);
    }

    @Test
    void aNameFromACaptureIsNeverAPath() throws Exception {
        Files.copy(SamplePlugins.path("counter"), dir.resolve("x.so"));
        // looked up as libx.so.so and x.so.so, never as the file x.so
        assertThatThrownBy(() -> locator().locateName("x.so")).isInstanceOf(PluginException.class)
                .hasMessageContaining("no plugin named x.so").hasMessageContaining(dir.resolve("x.so.so").toString());
        for (String bad : List.of(dir.resolve("x.so").toString(), "../x", "a\\b", "a\u0000b", "a\u001bb", "",
                "n".repeat(256))) {
            assertThatThrownBy(() -> locator().locateName(bad)).as(bad).isInstanceOf(PluginException.class)
                    .hasMessageContaining("refused").hasMessageContaining("never a path");
        }
    }

    @Test
    void theSearchPathIsMadeAbsoluteOnceAndRelativeEnvironmentEntriesAreNamed() {
        Path here = Path.of("").toAbsolutePath();
        assertThat(PluginLocator.searchPath(List.of(Path.of("given")), "plugins:/opt/falco;;sub/dir"))
                .containsExactly(here.resolve("given"), here.resolve("plugins"), Path.of("/opt/falco"),
                        here.resolve("sub/dir"));
        assertThat(PluginLocator.relativeEntries("plugins:/opt/falco;;sub/dir")).containsExactly("plugins", "sub/dir");
        assertThat(PluginLocator.relativeEntries(null)).isEmpty();
    }
}

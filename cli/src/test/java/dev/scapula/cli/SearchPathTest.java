package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCAPULA_PLUGIN_DIR as a child process sees it: a relative entry is resolved once and said so. */
class SearchPathTest {
    @TempDir
    Path dir;

    @Test
    void aRelativeEntryIsNamedWithTheFolderItMeansAndAnAbsoluteOneIsUsedQuietly() throws Exception {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Path mine = Files.copy(SamplePlugins.path("counter"), plugins.resolve("libcounter.so"));
        // the child runs in this JVM's folder, so that is where the relative entry points
        Path meant = Path.of("").toAbsolutePath().resolve("no-such-plugins");
        CommandRun run = ScapulaProcess.run(dir, List.of("env", "SCAPULA_PLUGIN_DIR=no-such-plugins:" + plugins),
                "plugin-info", "counter");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("SCAPULA_PLUGIN_DIR entry no-such-plugins is relative: looking in " + meant)
                .doesNotContain("entry " + plugins);
        assertThat(run.out()).contains("Plugin file:           " + mine);
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.plugin.config.FalcoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --plugin-config-file on the command line: where a relative library_path is looked for, and what stderr says. */
class FalcoConfigCommandTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("falco.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aLibraryBesideTheConfigIsLoadedOnlyWhenAskedForAndANameIsNeverAPath() throws Exception {
        Path beside = Files.copy(dev.scapula.samples.SamplePlugins.path("counter"), dir.resolve("libcounter.so"));
        Path f = yaml("plugins:\n  - name: counter\n    library_path: libcounter.so\n    open_params: count=3\n");
        String out = dir.resolve("out.scap").toString();
        CommandRun plain = CommandRun.of("record", "--plugin-config-file", f.toString(), "-w", out);
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        // not in Falco's plugin folder: found by its name, never as the file shipped beside the config
        assertThat(plain.err()).contains(f + ": plugin counter loads the bundled sample counter (by its name counter")
                .doesNotContain(beside.toString());
        CommandRun asked = CommandRun.of("record", "--plugin-config-file", f.toString(), "--plugins-beside-config",
                "-w", dir.resolve("beside.scap").toString());
        assertThat(asked.exitCode()).as(asked.err()).isZero();
        assertThat(asked.err()).contains(f + ": plugin counter loads " + beside + " (beside the config");

        Path g = yaml("plugins:\n  - name: ./libcounter.so\n    library_path: missing.so\n");
        CommandRun path = CommandRun.of("record", "--plugin-config-file", g.toString(), "-w",
                dir.resolve("path.scap").toString());
        assertThat(path.exitCode()).isEqualTo(2);
        assertThat(path.err()).contains("library_path missing.so is not " + FalcoConfig.FALCO_PLUGIN_DIR.resolve("missing.so"))
                .contains("a plugin name is never a path").doesNotContain("loads");
    }
}

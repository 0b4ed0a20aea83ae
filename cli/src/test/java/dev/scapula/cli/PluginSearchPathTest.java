package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a plugin given by name is found, as docs/commands.md orders it: --plugin-dir, then
 * SCAPULA_PLUGIN_DIR (';' or ':' separated), then the bundled samples; and a falco.yaml's bare
 * library_path in Falco's plugin folder, beside the file only when the user asks. The environment variable needs a
 * child process, so those runs go through {@link ScapulaProcess} with {@code env} before java.
 */
class PluginSearchPathTest {
    @TempDir
    Path dir;

    /** A directory holding the bundled sample {@code sample} under the file name {@code fileName}. */
    private Path holding(String sub, String sample, String fileName) throws IOException {
        Path d = Files.createDirectories(dir.resolve(sub));
        Files.copy(SamplePlugins.path(sample), d.resolve(fileName));
        return d;
    }

    private static String version(CommandRun run) {
        return run.out().lines().filter(l -> l.startsWith("Version:")).findFirst().orElse(run.out() + run.err());
    }

    @Test
    void scapulaPluginDirComesBeforeTheBundledSamplesAndAfterPluginDir() throws Exception {
        // versioned 1.1.0 and 2.0.0 named as the bundled versioned_1_0_0, so the version shows which file won
        Path env = holding("env", "versioned_1_1_0", "libversioned_1_0_0.so");
        Path flag = holding("flag", "versioned_2_0_0", "versioned_1_0_0.so");
        assertThat(version(CommandRun.of("plugin-info", "versioned_1_0_0"))).endsWith(" 1.0.0");

        CommandRun semicolon = ScapulaProcess.run(dir, List.of("env", "SCAPULA_PLUGIN_DIR=" + dir.resolve("none") + ";"
                + env), "plugin-info", "versioned_1_0_0");
        assertThat(semicolon.exitCode()).as(semicolon.err()).isZero();
        assertThat(version(semicolon)).endsWith(" 1.1.0");

        CommandRun colon = ScapulaProcess.run(dir, List.of("env", "SCAPULA_PLUGIN_DIR=" + dir.resolve("none") + ":"
                + env), "plugin-info", "versioned_1_0_0");
        assertThat(version(colon)).endsWith(" 1.1.0");

        CommandRun both = ScapulaProcess.run(dir, List.of("env", "SCAPULA_PLUGIN_DIR=" + env), "plugin-info",
                "--plugin-dir", flag.toString(), "versioned_1_0_0");
        assertThat(both.exitCode()).as(both.err()).isZero();
        assertThat(version(both)).endsWith(" 2.0.0");
    }

    @Test
    void scapulaPluginDirFindsARecordingsSourcePluginByName() throws Exception {
        Path env = holding("env", "counter", "libmycounter.so");
        Path out = dir.resolve("c.scap");
        CommandRun run = ScapulaProcess.run(dir, List.of("env", "SCAPULA_PLUGIN_DIR=" + env), "record", "-I",
                "mycounter:count=7", "-w", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("recorded 7 events");
        CommandRun without = CommandRun.of("record", "-I", "mycounter:count=7", "-w", dir.resolve("d.scap").toString());
        assertThat(without.exitCode()).isEqualTo(2);
    }

    /**
     * A bare library_path in falco.yaml is looked up in Falco's /usr/share/falco/plugins, and
     * beside the file (first) only with --plugins-beside-config, as Falco never looks there. The test puts a uniquely named copy there and removes it (and the
     * folder, if it made it); it is skipped where that folder cannot be written.
     */
    @Test
    void aBareLibraryPathIsFoundInFalcosPluginFolderAndBesideTheConfigOnlyWhenAsked() throws Exception {
        Path falco = FalcoConfig.FALCO_PLUGIN_DIR;
        List<Path> made = new ArrayList<>();
        try {
            for (Path p = falco; p != null && !Files.exists(p); p = p.getParent()) {
                made.add(0, p);
            }
            try {
                Files.createDirectories(falco);
            } catch (IOException e) {
                made.clear();
                Assumptions.abort("cannot create " + falco + ": " + e);
            }
            Assumptions.assumeTrue(Files.isWritable(falco), falco + " is not writable");
            String name = "libscapula-test-" + UUID.randomUUID() + ".so";
            Path installed = falco.resolve(name);
            Files.copy(SamplePlugins.path("fields"), installed);
            try {
                Path capture = dir.resolve("c.scap");
                assertThat(CommandRun.of("record", "-I", "counter:count=20", "-w", capture.toString()).exitCode())
                        .isZero();
                Path config = dir.resolve("conf").resolve("falco.yaml");
                Files.createDirectories(config.getParent());
                Files.writeString(config, "plugins:\n  - name: fields\n    library_path: " + name + "\n");
                CommandRun fromFalco = CommandRun.of("verify", "-r", capture.toString(), "--plugin-config-file",
                        config.toString());
                assertThat(fromFalco.exitCode()).as(fromFalco.out() + fromFalco.err()).isZero();
                assertThat(fromFalco.out())
                        .contains("plugin fields 0.1.0 from " + installed + " (--plugin-config-file)");

                Path beside = config.resolveSibling(name);
                Files.copy(SamplePlugins.path("fields"), beside);
                CommandRun besideIgnored = CommandRun.of("verify", "-r", capture.toString(), "--plugin-config-file",
                        config.toString());
                assertThat(besideIgnored.exitCode()).as(besideIgnored.out() + besideIgnored.err()).isZero();
                assertThat(besideIgnored.out())
                        .contains("plugin fields 0.1.0 from " + installed + " (--plugin-config-file)");
                CommandRun besideFirst = CommandRun.of("verify", "-r", capture.toString(), "--plugin-config-file",
                        config.toString(), "--plugins-beside-config");
                assertThat(besideFirst.exitCode()).as(besideFirst.out() + besideFirst.err()).isZero();
                assertThat(besideFirst.out())
                        .contains("plugin fields 0.1.0 from " + beside + " (--plugin-config-file)");
            } finally {
                Files.deleteIfExists(installed);
            }
        } finally {
            for (int i = made.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(made.get(i));
            }
        }
    }
}

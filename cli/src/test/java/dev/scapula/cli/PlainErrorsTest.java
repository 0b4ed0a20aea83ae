package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees first when a file is not what the command needs, or a flag is wrong: one plain
 * line naming the file and what it is, never a block-length message, the loader's dump or the
 * whole option table.
 */
class PlainErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aTextFileIsNotACaptureAndItsFirstBytesAreShown() throws Exception {
        Path text = dir.resolve("notes.scap");
        Files.writeString(text, "hello, this is text");
        CommandRun run = CommandRun.of("info", text.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(text + ": byte 0: not a .scap capture: it starts with 68 65 6c 6c")
                .doesNotContain("block length");
    }

    @Test
    void aTextFileIsNotAPluginAndTheLoaderIsNotQuoted() throws Exception {
        Path text = dir.resolve("libfake.so");
        Files.writeString(text, "#!/bin/sh\n");
        CommandRun run = CommandRun.of("plugin-info", text.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(text + ": not a shared library (ELF): it starts with 23 21 2f 62")
                .doesNotContain("Unable to load library", "resource path");
        CommandRun missing = CommandRun.of("plugin-info", dir.resolve("libnone.so").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("libnone.so: no such plugin file");
    }

    @Test
    void anElfTheLoaderRefusesGetsOnlyTheLoadersReason() throws Exception {
        // An executable is ELF but not a library dlopen takes.
        Path exe = dir.resolve("libtrue.so");
        Files.copy(Path.of("/bin/true"), exe);
        CommandRun run = CommandRun.of("plugin-info", exe.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(exe + ": cannot load the shared library: cannot dynamically load")
                .doesNotContain("Unable to load library", "resource path", "\\x0a");
    }

    @Test
    void aMissingFalcoYamlIsNoSuchFileAndBadYamlHasItsLineAndColumn() throws Exception {
        Path capture = dir.resolve("c.scap");
        Files.writeString(capture, "x");
        CommandRun missing = CommandRun.of("replay", "-r", capture.toString(), "--plugin-config-file",
                dir.resolve("falco.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("falco.yaml: no such file").doesNotContain("not valid YAML");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "plugins:\n  - name: x\n    library_path: [a\n", StandardCharsets.UTF_8);
        CommandRun broken = CommandRun.of("replay", "-r", capture.toString(), "--plugin-config-file", bad.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("bad.yaml: line 4, column 1: not valid YAML");
    }

    @Test
    void aBadFlagGetsOneUsageLineAndWhereTheHelpIs() {
        CommandRun run = CommandRun.of("replay", "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "scapula replay: Unknown option or argument: '--bogus' (and Missing required option: '--readfile=FILE')",
                "usage: scapula replay -r FILE [OPTIONS]",
                "see 'scapula replay --help'");
        CommandRun info = CommandRun.of("info", "--jsn", "x.scap");
        assertThat(info.exitCode()).isEqualTo(2);
        assertThat(info.err()).contains("scapula info: Unknown option: '--jsn'", "--json",
                "usage: scapula info [OPTIONS] FILE...", "see 'scapula info --help'")
                .doesNotContain("Exit codes");
    }
}

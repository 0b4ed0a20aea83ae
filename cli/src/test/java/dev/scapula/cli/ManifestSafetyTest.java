package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scapula.capture.CraftedManifests;
import dev.scapula.capture.manifest.FileDigest;
import dev.scapula.samples.SamplePlugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture never chooses the code that runs: manifest names are only names, and hashes must match. */
class ManifestSafetyTest {
    @TempDir
    Path dir;
    private Path capture;
    private String sha;

    @BeforeEach
    void record() throws Exception {
        capture = dir.resolve("c.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=20", "-w", capture.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        sha = FileDigest.sha256(SamplePlugins.path("counter"));
    }

    private String manifestJson() throws Exception {
        String text = new String(Files.readAllBytes(capture), StandardCharsets.ISO_8859_1);
        int from = text.indexOf("{\"recorder\"");
        int to = text.indexOf("]}", from) + 2;
        return new String(Files.readAllBytes(capture), from, to - from, StandardCharsets.UTF_8);
    }

    private Path crafted(String json) throws Exception {
        return CraftedManifests.withManifestJson(capture, json, dir.resolve("crafted.scap"));
    }

    @Test
    void aManifestNameThatIsAPathIsRefusedWithItsOffsetAndNothingIsLoaded() throws Exception {
        // a plugin file the path names: it must never run
        Path evil = Files.copy(SamplePlugins.path("counter"), dir.resolve("libevil.so"));
        for (String name : new String[] {evil.toString(), "../" + evil.getFileName(), "x\u0000y", "a\\b"}) {
            Path bad = crafted(manifestJson().replace("\"name\":\"counter\"", "\"name\":" + new com.fasterxml.jackson
                    .databind.ObjectMapper().writeValueAsString(name)));
            for (String cmd : new String[] {"replay", "verify"}) {
                CommandRun run = CommandRun.of(cmd, "-r", bad.toString(), "--plugins-from-manifest", "-H", "fields",
                        "--plugin-dir", dir.toString());
                assertThat(run.exitCode()).as(cmd + " " + name).isEqualTo(2);
                assertThat(run.err()).contains(bad + ": byte ", "block 3 (SCAPULA_MANIFEST(0x8CA90001)): manifest refused: "
                        + "plugin entry 0 has");
                // nothing loaded, not even the -H plugin: no word about where fields came from
                assertThat(run.err()).doesNotContain("bundled sample");
                assertThat(run.out()).isEmpty();
            }
        }
    }

    @Test
    void aNameEndingInSoIsANameNotAFile() throws Exception {
        Files.copy(SamplePlugins.path("counter"), dir.resolve("x.so"));
        Path bad = crafted(manifestJson().replace("\"name\":\"counter\"", "\"name\":\"x.so\""));
        CommandRun run = CommandRun.of("replay", "-r", bad.toString(), "--plugins-from-manifest", "-H", "fields",
                "--plugin-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the manifest names plugin x.so", "no plugin named x.so",
                dir.resolve("libx.so.so").toString());
    }

    @Test
    void aSha256MismatchIsRefusedUnlessAllowedAndThenBothHashesAreNamed() throws Exception {
        String other = "0".repeat(64);
        Path bad = crafted(manifestJson().replace(sha, other));
        for (String cmd : new String[] {"replay", "verify"}) {
            CommandRun refused = CommandRun.of(cmd, "-r", bad.toString(), "--plugins-from-manifest", "-H", "fields",
                    "-f", "fields.seq");
            assertThat(refused.exitCode()).as(cmd).isEqualTo(2);
            assertThat(refused.err()).contains("the manifest names plugin counter 0.1.0 (id 9001) with sha256 " + other,
                    "has sha256 " + sha, "refused", "--allow-plugin-mismatch");
            assertThat(refused.out()).isEmpty();
        }
        CommandRun replay = CommandRun.of("replay", "--text", "-r", bad.toString(), "--plugins-from-manifest",
                "--allow-plugin-mismatch", "-H", "fields", "-f", "fields.seq");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out().lines().count()).isEqualTo(20);
        assertThat(replay.err()).contains("counter 0.1.0 (named by the manifest of " + bad + ", bundled sample counter), "
                + "sha256 " + sha + " where the manifest recorded " + other + " (--allow-plugin-mismatch)");
        CommandRun verify = CommandRun.of("verify", "-r", bad.toString(), "--plugins-from-manifest",
                "--allow-plugin-mismatch", "-H", "fields", "-f", "fields.seq");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("plugin counter 0.1.0 (named by the manifest of " + bad
                + ", bundled sample counter), sha256 " + sha + " where the manifest recorded " + other);
    }

    @Test
    void aMatchingManifestLoadsItsPlugins() throws Exception {
        CommandRun verify = CommandRun.of("verify", "-r", capture.toString(), "--plugins-from-manifest", "-H", "fields",
                "-f", "fields.seq");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("plugin counter 0.1.0 (named by the manifest of " + capture
                + ", bundled sample counter), sha256 as recorded", "20 plugin events");
    }

    @Test
    void hugeConfigsAndInvalidJsonAreRefusedWithTheCaptureNamed() throws Exception {
        Path huge = crafted(manifestJson().replace("\"initConfig\":\"\"", "\"initConfig\":\"" + "x".repeat(2 << 20)
                + "\""));
        CommandRun run = CommandRun.of("replay", "-r", huge.toString(), "--plugins-from-manifest", "-H", "fields");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(huge + ": byte ", "manifest block length", "a scapula manifest may take");
        Path broken = crafted(manifestJson().replace("\"plugins\":[", "\"plugins\":[["));
        CommandRun bad = CommandRun.of("verify", "-r", broken.toString(), "--plugins-from-manifest");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(broken + ": byte ", "manifest is not valid JSON");
    }

    @Test
    void diffTakesTheOldVersionFromTheManifestByNameAndChecksItsHash() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path old = Files.copy(SamplePlugins.path("versioned_1_0_0"), plugins.resolve("libversioned.so"));
        Path recorded = dir.resolve("v.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=30", "-H", old.toString(), "-w",
                recorded.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        CommandRun diff = CommandRun.of("diff", "--plugins-from-manifest", "--new", "versioned_1_1_0", "--plugin-dir",
                plugins.toString(), recorded.toString());
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).contains("diff versioned 1.0.0 -> 1.1.0: 30 plugin events",
                "old versioned 1.0.0 from " + old + " (named by the manifest of " + recorded
                        + ", search path), sha256 as recorded",
                "new versioned 1.1.0 (bundled sample versioned_1_1_0)");
        // another build under the recorded name: refused, then allowed with both hashes named
        Files.copy(SamplePlugins.path("versioned_1_0_1_wrong"), old, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CommandRun refused = CommandRun.of("diff", "--plugins-from-manifest", "--new", "versioned_1_1_0",
                "--plugin-dir", plugins.toString(), recorded.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("has sha256 " + FileDigest.sha256(old), "refused");
        CommandRun allowed = CommandRun.of("diff", "--json", "--plugins-from-manifest", "--allow-plugin-mismatch",
                "--new", "versioned_1_1_0", "--plugin-dir", plugins.toString(), recorded.toString());
        assertThat(allowed.out()).contains("sha256 " + FileDigest.sha256(old) + " where the manifest recorded "
                + FileDigest.sha256(SamplePlugins.path("versioned_1_0_0")));
        assertThat(CommandRun.of("diff", "--new", "versioned_1_1_0", recorded.toString()).exitCode()).isEqualTo(2);
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.SharedFiles;
import dev.scapula.capture.manifest.FileDigest;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sysdig's way of naming plugins: loaded by path, then referred to by their own name; -r takes several files. */
class PluginNamingTest {
    @TempDir
    Path dir;

    private static Manifest manifest(Path capture) throws Exception {
        try (CaptureReader r = CaptureReader.open(capture)) {
            return r.manifest().orElseThrow();
        }
    }

    private Path copy(String sample, String as) throws Exception {
        Path d = Files.createDirectories(dir.resolve("user"));
        return Files.copy(SamplePlugins.path(sample), d.resolve(as));
    }

    @Test
    void k8sauditLoadedByPathIsRecordedByItsNameAsSysdigDoes() throws Exception {
        Path k8saudit = SharedFiles.plugin("libk8saudit.so");
        Path audit = dir.resolve("audit.json");
        Files.writeString(audit, """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"00000000-0000-0000-0000-000000000001","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods","verb":"create","user":{"username":"alice","groups":["system:authenticated"]},"sourceIPs":["10.0.0.1"],"objectRef":{"resource":"pods","namespace":"default","name":"web","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestReceivedTimestamp":"2023-11-14T22:13:20.000000Z","stageTimestamp":"2023-11-14T22:13:20.100000Z"}
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"00000000-0000-0000-0000-000000000002","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/kube-system/secrets","verb":"list","user":{"username":"bob","groups":["system:authenticated"]},"sourceIPs":["10.0.0.2"],"objectRef":{"resource":"secrets","namespace":"kube-system","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2023-11-14T22:13:21.000000Z","stageTimestamp":"2023-11-14T22:13:21.100000Z"}
                """);
        Path out = dir.resolve("ka.scap");
        CommandRun rec = CommandRun.of("record", "-H", k8saudit.toString(), "-I", "k8saudit:" + audit, "-w",
                out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("recorded 2 events");
        Manifest.PluginEntry recorded = manifest(out).plugins().get(0);
        assertThat(recorded.name()).isEqualTo("k8saudit");
        assertThat(recorded.sha256()).isEqualTo(FileDigest.sha256(k8saudit));

        // the manifest's name, found in --plugin-dir with the recorded sha256
        CommandRun replay = CommandRun.of("replay", "--text", "-r", out.toString(), "--plugins-from-manifest",
                "--plugin-dir", k8saudit.getParent().toString(), "-f", "ka.user.name", "-f", "ka.target.resource");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out().lines().toList()).hasSize(2);
        assertThat(replay.out().lines().toList().get(0)).endsWith("ka.user.name=alice ka.target.resource=pods");
        assertThat(replay.out().lines().toList().get(1)).endsWith("ka.user.name=bob ka.target.resource=secrets");
        assertThat(replay.err()).isEmpty();
        // verify's report names the file the manifest's name led to
        CommandRun verify = CommandRun.of("verify", "-r", out.toString(), "--plugins-from-manifest", "--plugin-dir",
                k8saudit.getParent().toString(), "-f", "ka.user.name");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("plugin k8saudit 0.15.0 from " + k8saudit + " (named by the manifest of "
                + out + ", search path), sha256 as recorded");
    }

    @Test
    void dummyLoadedByPathIsTheSourceNamedDummy() throws Exception {
        Path dummy = SharedFiles.plugin("libdummy.so");
        Path out = dir.resolve("dummy.scap");
        CommandRun rec = CommandRun.of("record", "-H", dummy + ":{\"jitter\":10}", "-I", "dummy:{\"start\":1,\"maxEvents\":20}",
                "-w", out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("recorded 20 events");
        Manifest.PluginEntry recorded = manifest(out).plugins().get(0);
        assertThat(recorded.name()).isEqualTo("dummy");
        assertThat(recorded.initConfig()).isEqualTo("{\"jitter\":10}");
        assertThat(recorded.sha256()).isEqualTo(FileDigest.sha256(dummy));
    }

    @Test
    void aNameRefersToTheUsersPluginBeforeTheBundledSample() throws Exception {
        // the user's build of "stateful" (the stateful_clock fixture, whose get_name is stateful)
        Path users = copy("stateful_clock", "libstateful.so");
        Path out = dir.resolve("c.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=50", "-H", users.toString(),
                "-H", "stateful:{\"ticks\":0}", "-w", out.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        Manifest.PluginEntry stateful = manifest(out).plugins().stream().filter(p -> p.name().equals("stateful"))
                .findFirst().orElseThrow();
        assertThat(stateful.sha256()).isEqualTo(FileDigest.sha256(users))
                .isNotEqualTo(FileDigest.sha256(SamplePlugins.path("stateful")));
        assertThat(stateful.initConfig()).isEqualTo("{\"ticks\":0}");
        assertThat(manifest(out).plugins()).hasSize(2);

        // verify's report says which file each plugin came from, in text and JSON
        CommandRun verify = CommandRun.of("verify", "-r", out.toString(), "-H", users.toString(), "-H", "counter",
                "-f", "stateful.seen");
        assertThat(verify.exitCode()).as(verify.err()).isNotEqualTo(2);
        assertThat(verify.out()).contains("plugin stateful 0.1.0 from " + users + " (given path)",
                "plugin counter 0.1.0 (bundled sample counter)");
        JsonNode json = new ObjectMapper().readTree(CommandRun.of("verify", "--json", "-r", out.toString(), "-H",
                users.toString(), "-H", "counter", "-f", "stateful.seen").out());
        assertThat(json.get("plugins").get(0).asText()).isEqualTo("stateful 0.1.0 from " + users + " (given path)");
    }

    @Test
    void twoFilesWithOnePluginNameAreAnErrorNamingBoth() throws Exception {
        Path capture = dir.resolve("c.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=5", "-w", capture.toString()).exitCode()).isZero();
        Path users = copy("versioned_1_0_0", "libversioned.so");
        // the bundled versioned_1_1_0's own name is versioned too
        CommandRun run = CommandRun.of("replay", "-r", capture.toString(), "-H", users.toString(), "-H",
                "versioned_1_1_0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("two plugins named versioned: versioned 1.0.0 from " + users + " (given path), "
                + "and versioned 1.1.0 (bundled sample versioned_1_1_0) for -H versioned_1_1_0");
        // a name that is the plugin given by path refers to it: one plugin, not two
        CommandRun same = CommandRun.of("replay", "--text", "-r", capture.toString(), "-H", users.toString(), "-H",
                "versioned", "-f", "versioned.seq");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out().lines().count()).isEqualTo(5);
        // libsinsp refuses the same pair too (checked last: it skips where shared/ is absent)
        Process baseline = new ProcessBuilder(SharedFiles.baseline().toString(), "read", "-i", capture.toString(),
                "--plugin", users + "|", "--plugin", SamplePlugins.path("versioned_1_1_0") + "|", "-f", "versioned.seq")
                .redirectErrorStream(true).start();
        String said = new String(baseline.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        baseline.waitFor();
        assertThat(said).contains("found another plugin with name versioned");
    }

    @Test
    void severalFilesAfterOneFlagAndOutOfOrderFilesAreWarnedAbout() throws Exception {
        String base = dir.resolve("r.scap").toString();
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=30", "-e", "10", "-w", base);
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        CommandRun verify = CommandRun.of("verify", "-r", base + "0", base + "1", base + "2", "-H", "counter",
                "-H", "fields");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("30 plugin events", "rotated-file");
        assertThat(verify.err()).doesNotContain("out of order");

        CommandRun replay = CommandRun.of("replay", "--text", "-r", base + "2", base + "0", "-H", "fields", "-f",
                "fields.seq", "--plugin-dir", dir.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out().lines().toList()).hasSize(20);
        assertThat(replay.err()).contains("warning: " + base + "0", "is given after " + base + "2", "out of order");
        // a bundled sample standing in where a search path was given is said so
        assertThat(replay.err()).contains("fields 0.1.0 (bundled sample fields): not in --plugin-dir or "
                + "SCAPULA_PLUGIN_DIR");
        List<String> first = replay.out().lines().limit(1).toList();
        assertThat(first.get(0)).endsWith("fields.seq=20");
    }

    @Test
    void pluginsKeepTheOrderGivenSoATablesOwnerComesBeforeItsReader() throws Exception {
        Path capture = dir.resolve("c.scap");
        assertThat(CommandRun.of("record", "-I", "counter:count=5", "-w", capture.toString()).exitCode()).isZero();
        Path tables = copy("tables", "libtables.so");
        // stateful (by name) owns counter_parity, which tables (by path) requires at init
        CommandRun run = CommandRun.of("replay", "--text", "-r", capture.toString(), "-H", "stateful", "-H",
                tables + ":require_parity", "-f", "tables.parity_count");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().count()).isEqualTo(5);
        CommandRun reversed = CommandRun.of("replay", "-r", capture.toString(), "-H", tables + ":require_parity",
                "-H", "stateful");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("counter_parity");
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CI recipes of docs/corpus.md, run as their schedulers would run them: the shard and merge
 * commands are read from docs/recipes/*.yml (never copied here), each shard runs as its own
 * process in its own folder with the scheduler's variables set, the parts travel as the
 * scheduler's artifacts or shared volume carry them, and the merged report must be the report of
 * one run over the whole corpus, exit code included.
 */
class CorpusRecipesTest {
    /** The recipes, from the cli module's folder (where Maven runs its tests). */
    private static final Path RECIPES = Path.of("..", "docs", "recipes");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path corpus;
    private static Path bin;
    private static JsonNode single;
    private static int singleExit;

    @BeforeAll
    static void recordCorpusAndRunItOnce() throws Exception {
        corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("rot"));
        for (int i = 1; i <= 5; i++) {
            record("-I", "counter:count=" + (40 * i) + ";size=64", "-w", corpus.resolve("c" + i + ".scap").toString());
        }
        record("-I", "counter:count=90;size=64", "--zstd", "-w", corpus.resolve("z.scap.zst").toString());
        record("-I", "counter:count=90;size=64", "-e", "30", "-w", corpus.resolve("rot/r.scap").toString());
        byte[] whole = Files.readAllBytes(corpus.resolve("c5.scap"));
        Files.write(corpus.resolve("damaged.scap"), java.util.Arrays.copyOf(whole, whole.length / 2));

        // the plugin under test, where the recipes expect it
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Files.copy(SamplePlugins.path("fields"), plugins.resolve("libmyplugin.so"));

        // scapula on the PATH, as the recipes expect: this build, in a JVM of its own per command
        bin = dir.resolve("bin");
        Files.createDirectories(bin);
        StringBuilder launcher = new StringBuilder("#!/bin/sh\nexec");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Scapula.class.getName());
        command.forEach(a -> launcher.append(" '").append(a.replace("'", "'\\''")).append('\''));
        launcher.append(" \"$@\"\n");
        Path scapula = bin.resolve("scapula");
        Files.writeString(scapula, launcher);
        Files.setPosixFilePermissions(scapula, PosixFilePermissions.fromString("rwx------"));

        // one run over the whole corpus, laid out as every shard sees it (errors name captures/...)
        Path ws = workspace("single");
        singleExit = run(ws, Map.of(), List.of("sh", "-c", "scapula verify --corpus captures/ -H "
                + "plugins/libmyplugin.so --json > single.json"));
        single = JSON.readTree(ws.resolve("single.json").toFile());
        assertThat(singleExit).as("the damaged capture makes a single run exit 2").isEqualTo(2);
        assertThat(single.get("summary").get("ok").asInt()).isEqualTo(7);
        assertThat(single.get("summary").get("captures").asInt()).isEqualTo(8);
    }

    private static void record(String... args) {
        List<String> all = new ArrayList<>(List.of("record"));
        all.addAll(List.of(args));
        CommandRun r = CommandRun.of(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    /** A fresh folder as a checkout (or a pod's working folder) has it: the captures and the plugin. */
    private static Path workspace(String name) throws IOException {
        Path ws = Files.createDirectories(dir.resolve("runs").resolve(name));
        copyTree(corpus, ws.resolve("captures"));
        copyTree(dir.resolve("plugins"), ws.resolve("plugins"));
        return ws;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Runs {@code argv} in {@code cwd} with these variables and scapula on the PATH; its exit code. */
    private static int run(Path cwd, Map<String, String> env, List<String> argv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Path log = Files.createTempFile(dir, "step-", ".log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            fail("%s did not end in 5 minutes: %s", argv, Files.readString(log));
        }
        System.out.println("[" + cwd.getFileName() + "] exit " + p.exitValue() + ": "
                + Files.readString(log, StandardCharsets.UTF_8).strip());
        return p.exitValue();
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... keys) {
        Object n = node;
        for (String k : keys) {
            assertThat(n).as("looking for %s", String.join(".", keys)).isInstanceOf(Map.class);
            n = ((Map<String, Object>) n).get(k);
        }
        return (T) n;
    }

    private static Object load(String file) throws IOException {
        try (InputStream in = Files.newInputStream(RECIPES.resolve(file))) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new HashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");

    /** A GitHub expression substituted as the runner does before the shell sees the text; others fail. */
    private static String expand(String text, Map<String, String> values) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                fail("the recipe uses ${{ %s }}, which this test does not know how to set", m.group(1));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static void assertMergedIsTheSingleRun(Path report, int mergeExit) throws IOException {
        assertThat(mergeExit).as("merge --exit-code exits as the single run").isEqualTo(singleExit);
        assertThat(JSON.readTree(report.toFile())).isEqualTo(single);
    }

    @Test
    void theDocumentationShowsEachRecipeAsItsFileHasIt() throws IOException {
        String doc = Files.readString(RECIPES.resolveSibling("corpus.md"));
        for (String recipe : List.of("github-corpus.yml", "gitlab-corpus.yml", "k8s-corpus-job.yaml")) {
            assertThat(doc).as(recipe).contains("```yaml\n" + Files.readString(RECIPES.resolve(recipe)) + "```\n");
        }
    }

    @Test
    void gitHubActionsMatrixShardsAndAMergeJob() throws Exception {
        Object wf = load("github-corpus.yml");
        Map<String, String> env = strings(at(wf, "env"));
        List<Object> shards = at(wf, "jobs", "verify", "strategy", "matrix", "shard");
        assertThat(shards).hasSize(4);
        Path artifacts = dir.resolve("gh-artifacts");
        for (Object shard : shards) {
            Path ws = workspace("gh-shard-" + shard);
            Map<String, String> matrix = Map.of("matrix.shard", shard.toString());
            boolean ran = false;
            List<Map<String, Object>> steps = at(wf, "jobs", "verify", "steps");
            for (Map<String, Object> step : steps) {
                if ("shard".equals(step.get("id"))) {
                    assertThat(run(ws, env, List.of("bash", "-e", "-c", expand((String) step.get("run"), matrix))))
                            .isZero();
                    ran = true;
                } else if ("upload".equals(step.get("id"))) {
                    assertThat((String) step.get("uses")).startsWith("actions/upload-artifact@");
                    Path store = Files.createDirectories(artifacts.resolve(expand(at(step, "with", "name"), matrix)));
                    Path file = ws.resolve(expand(at(step, "with", "path"), matrix));
                    Files.copy(file, store.resolve(file.getFileName()));
                }
            }
            assertThat(ran).as("a step with id shard").isTrue();
        }

        assertThat((Object) at(wf, "jobs", "report", "needs")).isEqualTo("verify");
        Path ws = Files.createDirectories(dir.resolve("runs").resolve("gh-report"));
        Integer exit = null;
        List<Map<String, Object>> steps = at(wf, "jobs", "report", "steps");
        for (Map<String, Object> step : steps) {
            if ("download".equals(step.get("id"))) {
                assertThat((String) step.get("uses")).startsWith("actions/download-artifact@");
                assertThat((Boolean) at(step, "with", "merge-multiple")).isTrue();
                PathMatcher names = FileSystems.getDefault().getPathMatcher("glob:" + (String) at(step, "with", "pattern"));
                Path into = Files.createDirectories(ws.resolve((String) at(step, "with", "path")));
                try (Stream<Path> s = Files.list(artifacts)) {
                    for (Path a : s.filter(p -> names.matches(p.getFileName())).toList()) {
                        copyTree(a, into);
                    }
                }
            } else if ("merge".equals(step.get("id"))) {
                exit = run(ws, env, List.of("bash", "-e", "-c", expand((String) step.get("run"), Map.of())));
            }
        }
        assertThat(exit).as("a step with id merge").isNotNull();
        assertMergedIsTheSingleRun(ws.resolve("report.json"), exit);
    }

    @Test
    void gitLabParallelJobsAndAMergeJob() throws Exception {
        Object ci = load("gitlab-corpus.yml");
        Map<String, String> variables = strings(at(ci, "variables"));
        List<String> stages = at(ci, "stages");
        Map<String, Object> jobs = new HashMap<>(at(ci));
        Path artifacts = Files.createDirectories(dir.resolve("gl-artifacts"));
        Integer lastExit = null;
        Path lastWs = null;
        for (String stage : stages) {
            for (Map.Entry<String, Object> job : jobs.entrySet()) {
                if (!(job.getValue() instanceof Map) || !stage.equals(at(job.getValue(), "stage"))) {
                    continue;
                }
                Object parallel = at(job.getValue(), "parallel");
                int n = parallel == null ? 1 : (Integer) parallel;
                List<String> script = at(job.getValue(), "script");
                for (int index = 1; index <= n; index++) {
                    Path ws = workspace("gl-" + job.getKey() + "-" + index);
                    // artifacts of the jobs before reach the working folder of the jobs after
                    copyTree(artifacts, ws);
                    Map<String, String> env = new HashMap<>(variables);
                    if (parallel != null) {
                        env.put("CI_NODE_INDEX", Integer.toString(index));
                        env.put("CI_NODE_TOTAL", Integer.toString(n));
                    }
                    lastExit = run(ws, env, List.of("bash", "-e", "-c", String.join("\n", script)));
                    lastWs = ws;
                    List<String> paths = at(job.getValue(), "artifacts", "paths");
                    for (String glob : paths) {
                        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                        try (Stream<Path> s = Files.list(ws)) {
                            for (Path f : s.filter(p -> m.matches(p.getFileName())).toList()) {
                                Files.copy(f, artifacts.resolve(f.getFileName()),
                                        StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                    if (parallel != null) {
                        assertThat(lastExit).as("shard %d of %d", index, n).isZero();
                    }
                }
            }
        }
        assertThat(lastWs).isNotNull();
        assertThat(lastWs.getFileName().toString()).isEqualTo("gl-corpus-report-1");
        assertMergedIsTheSingleRun(lastWs.resolve("report.json"), lastExit);
    }

    @Test
    void kubernetesIndexedJobOverASharedVolumeThenAMergeJob() throws Exception {
        List<Object> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(RECIPES.resolve("k8s-corpus-job.yaml"))) {
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in).forEach(docs::add);
        }
        assertThat(docs).hasSize(2);
        Object indexed = docs.get(0);
        assertThat((String) at(indexed, "spec", "completionMode")).isEqualTo("Indexed");
        int completions = at(indexed, "spec", "completions");
        assertThat(completions).isEqualTo(4);
        // the claims: the corpus (the captures every pod reads) and the reports (shared, read and written)
        Path reports = Files.createDirectories(dir.resolve("k8s-reports"));
        Map<String, Path> claims = Map.of("scapula-corpus", corpus, "scapula-reports", reports);
        for (int index = 0; index < completions; index++) {
            runPod(indexed, claims, Map.of("JOB_COMPLETION_INDEX", Integer.toString(index)), "k8s-shard-" + index,
                    0);
        }
        int exit = runPod(docs.get(1), claims, Map.of(), "k8s-report", -1);
        assertMergedIsTheSingleRun(reports.resolve("report.json"), exit);
    }

    /**
     * Runs the Job's one container as its pod would: its command and args in a folder standing
     * for its working folder, with its env, and each volume's claim at its mount path; what the
     * pod wrote to a shared claim is kept there for the next pod.
     */
    private static int runPod(Object job, Map<String, Path> claims, Map<String, String> extraEnv, String name,
            int expectedExit) throws Exception {
        List<Map<String, Object>> containers = at(job, "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        Map<String, Object> c = containers.get(0);
        String workingDir = at(c, "workingDir");
        Map<String, String> volumeClaims = new HashMap<>();
        List<Map<String, Object>> volumes = at(job, "spec", "template", "spec", "volumes");
        for (Map<String, Object> v : volumes) {
            volumeClaims.put((String) v.get("name"), at(v, "persistentVolumeClaim", "claimName"));
        }
        Path ws = Files.createDirectories(dir.resolve("runs").resolve(name));
        copyTree(dir.resolve("plugins"), ws.resolve("plugins")); // in the image, beside the working folder
        List<Map<String, Object>> mounts = at(c, "volumeMounts");
        for (Map<String, Object> m : mounts) {
            String mountPath = (String) m.get("mountPath");
            assertThat(mountPath).as("mounted inside the working folder").startsWith(workingDir + "/");
            copyTree(claims.get(volumeClaims.get((String) m.get("name"))),
                    ws.resolve(mountPath.substring(workingDir.length() + 1)));
        }
        Map<String, String> env = new HashMap<>(extraEnv);
        List<Map<String, Object>> declared = at(c, "env");
        if (declared != null) {
            declared.forEach(e -> env.put((String) e.get("name"), String.valueOf(e.get("value"))));
        }
        List<String> argv = new ArrayList<>(at(c, "command"));
        argv.addAll(at(c, "args"));
        int exit = run(ws, env, argv);
        if (expectedExit >= 0) {
            assertThat(exit).as(name).isEqualTo(expectedExit);
        }
        for (Map<String, Object> m : mounts) {
            if (!Boolean.TRUE.equals(m.get("readOnly"))) {
                String mountPath = (String) m.get("mountPath");
                Path claim = claims.get(volumeClaims.get((String) m.get("name")));
                try (Stream<Path> s = Files.list(ws.resolve(mountPath.substring(workingDir.length() + 1)))) {
                    for (Path f : s.toList()) {
                        Files.copy(f, claim.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return exit;
    }
}

package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.SharedFiles;
import dev.scapula.capture.SinspBaseline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay gives the values libsinsp gives on Go SDK plugins as shipped, when one field is asked
 * with several arguments (the SDK keeps one result buffer per field id within a call).
 */
class SdkPluginValuesTest {
    @TempDir
    Path dir;

    @Test
    void dummyDivisibleWithTwoDivisorsMatchesLibsinsp() throws Exception {
        Path dummy = SharedFiles.plugin("libdummy.so");
        Path capture = SinspBaseline.write(dir.resolve("dummy.scap"), SinspBaseline.Plugin.of(dummy), "", 20);
        List<String> fields = List.of("dummy.divisible[3]", "dummy.divisible[7]", "dummy.value", "dummy.divisible[2]");
        List<SinspBaseline.Event> expected = SinspBaseline.read(capture, List.of(SinspBaseline.Plugin.of(dummy)), fields);
        // Values where [3] and [7] differ make the comparison able to fail.
        assertThat(expected).anySatisfy(e -> assertThat(e.fields().get("dummy.divisible[3]"))
                .isNotEqualTo(e.fields().get("dummy.divisible[7]")));
        assertSameAsLibsinsp(capture, List.of(dummy), fields, expected);
    }

    @Test
    void jsonValueAndK8sauditListIndexesMatchLibsinsp() throws Exception {
        Path k8saudit = SharedFiles.plugin("libk8saudit.so");
        Path json = SharedFiles.plugin("libjson.so");
        Path audit = Path.of(getClass().getResource("/k8saudit/audit.json").toURI());
        Path capture = SinspBaseline.write(dir.resolve("audit.scap"), SinspBaseline.Plugin.of(k8saudit),
                audit.toString(), 4);
        List<String> fields = List.of("json.value[/user/username]", "ka.req.pod.containers.image[0]",
                "json.value[/objectRef/resource]", "ka.req.pod.containers.image[1]", "ka.user.name",
                "json.value[/verb]", "ka.uri.param[timeout]", "ka.user.groups");
        List<SinspBaseline.Event> expected = SinspBaseline.read(capture,
                List.of(SinspBaseline.Plugin.of(k8saudit), SinspBaseline.Plugin.of(json)), fields);
        assertThat(expected).hasSize(4);
        assertThat(expected.get(0).fields()).containsEntry("json.value[/user/username]", "alice")
                .containsEntry("json.value[/objectRef/resource]", "pods")
                .containsEntry("ka.req.pod.containers.image[0]", "(nginx:1.25)")
                .containsEntry("ka.req.pod.containers.image[1]", "(busybox:1.36)");
        assertSameAsLibsinsp(capture, List.of(k8saudit, json), fields, expected);
    }

    private void assertSameAsLibsinsp(Path capture, List<Path> plugins, List<String> fields,
            List<SinspBaseline.Event> expected) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "-r", capture.toString()));
        for (Path p : plugins) {
            args.addAll(List.of("-H", p.toString()));
        }
        for (String f : fields) {
            args.addAll(List.of("-f", f));
        }
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSameSizeAs(expected);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode got = mapper.readTree(lines.get(i));
            SinspBaseline.Event want = expected.get(i);
            assertThat(got.get("evt.num").asLong()).isEqualTo(want.num());
            for (String f : fields) {
                assertThat(asLibsinspText(got.get(f))).as("%s in event %d", f, want.num())
                        .isEqualTo(want.fields().get(f));
            }
        }
    }

    /** A replay JSON value as libsinsp renders it: lists as {@code (a,b)}, no value as null. */
    private static String asLibsinspText(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            return StreamSupport.stream(v.spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.joining(",", "(", ")"));
        }
        return v.asText();
    }
}

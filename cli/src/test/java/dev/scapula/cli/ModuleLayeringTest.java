package dev.scapula.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.plugin.Plugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module tree is the data flow (bytes, events, plugin calls, record and replay, the checks
 * that combine them and the end-to-end benchmarks that time them, commands): a stage never imports
 * a later one, picocli and the commands stay in cli, JMH stays out of cli's class path, no stage
 * prints to the process's streams, and the event layouts live in their descriptors only. Maven's module graph already stops most wrong-way imports at compile time;
 * these rules also name the ones it cannot see (inside a module, and test-scoped dependencies).
 */
class ModuleLayeringTest {
    private static final String CAPTURE = "dev.scapula.capture..";
    private static final String PLUGIN = "dev.scapula.plugin..";
    private static final String RECORDER = "dev.scapula.recorder..";
    private static final String REPLAYER = "dev.scapula.replayer..";
    private static final String CHECKS = "dev.scapula.checks..";
    private static final String BENCH = "dev.scapula.benchmarks.endtoend..";
    private static final String SAMPLES = "dev.scapula.samples..";
    private static final String CLI = "dev.scapula.cli..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // sibling modules arrive as jars or class folders; their test-jars are no main code
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.scapula");
        // every module's classes must be there, or the rules below would pass on nothing
        for (String pkg : List.of("dev.scapula.capture", "dev.scapula.plugin", "dev.scapula.recorder",
                "dev.scapula.replayer", "dev.scapula.checks", "dev.scapula.benchmarks.endtoend", "dev.scapula.samples",
                "dev.scapula.cli")) {
            assertThat(main.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void picocliAndTheCommandsStayInCli() {
        noClasses().that().resideOutsideOfPackage(CLI).should().dependOnClassesThat()
                .resideInAnyPackage("picocli..", CLI).check(main);
    }

    /**
     * The stages hand results and notes back to the commands, which print them through picocli's
     * writers (so a test or an embedding program captures them), and give the checks' workers the
     * command's streams to copy their child's output to; RunTemp's exit hook alone has no command
     * left to tell.
     */
    @Test
    void theStagesDoNotPrintToTheProcessStreams() {
        noClasses().that().resideInAnyPackage(CAPTURE, PLUGIN, RECORDER, REPLAYER, CHECKS, BENCH)
                .and(not(belongToAnyOf(RunTemp.class))).should()
                .accessField(System.class, "out").orShould().accessField(System.class, "err").check(main);
    }

    @Test
    void captureFormatImportsNoLaterStage() {
        noClasses().that().resideInAPackage(CAPTURE).should().dependOnClassesThat()
                .resideInAnyPackage(PLUGIN, RECORDER, REPLAYER, CHECKS, BENCH, SAMPLES, CLI).check(main);
    }

    @Test
    void pluginHostImportsNeitherRecordNorReplayNorCommands() {
        noClasses().that().resideInAPackage(PLUGIN).should().dependOnClassesThat()
                .resideInAnyPackage(RECORDER, REPLAYER, CHECKS, BENCH, CLI).check(main);
    }

    @Test
    void thePluginsInnardsStayInThePluginHost() {
        // the library, the plugin's state pointer and the owner handed to it are how the host's own
        // parts call a plugin; the stages above go through Plugin's other methods (the call log stays
        // open to them: the fuzzer notes its payloads in it for the isolation worker's reports)
        noClasses().that().resideOutsideOfPackage(PLUGIN).should().callMethod(Plugin.class, "library")
                .orShould().callMethod(Plugin.class, "requireState")
                .orShould().callMethod(Plugin.class, "owner")
                .check(main);
    }

    @Test
    void recorderAndReplayerAreSideBySide() {
        noClasses().that().resideInAPackage(RECORDER).should().dependOnClassesThat()
                .resideInAnyPackage(REPLAYER, CHECKS, BENCH, CLI).check(main);
        noClasses().that().resideInAPackage(REPLAYER).should().dependOnClassesThat()
                .resideInAnyPackage(RECORDER, CHECKS, BENCH, CLI).check(main);
    }

    /** Checks run record and replay; the commands (and their renderers) sit on top of them. */
    @Test
    void checksImportNeitherCommandsNorPicocli() {
        noClasses().that().resideInAPackage(CHECKS).should().dependOnClassesThat()
                .resideInAnyPackage(BENCH, CLI, "picocli..").check(main);
    }

    /** The end-to-end benchmarks time record and replay beside the checks; bench renders what they return. */
    @Test
    void endToEndBenchmarksImportNeitherChecksNorCommands() {
        noClasses().that().resideInAPackage(BENCH).should().dependOnClassesThat()
                .resideInAnyPackage(CHECKS, CLI, "picocli..").check(main);
    }

    /**
     * scapula.jar is cli's class path shaded, and the bundle's runtime is what jdeps finds in it:
     * JMH and its generated benchmark list belong to the benchmarks module's own jar alone.
     */
    @Test
    void jmhStaysOutOfTheCommandLine() {
        ClassLoader cli = ModuleLayeringTest.class.getClassLoader();
        assertThat(cli.getResource("META-INF/BenchmarkList")).as("JMH's generated benchmark list").isNull();
        assertThat(cli.getResource("org/openjdk/jmh/annotations/Benchmark.class")).as("jmh-core").isNull();
        noClasses().should().dependOnClassesThat().resideInAPackage("org.openjdk.jmh..").check(main);
    }

    @Test
    void sampleCapturesStandsAlone() {
        noClasses().that().resideInAPackage(SAMPLES).should().dependOnClassesThat()
                .resideInAnyPackage(CAPTURE, PLUGIN, RECORDER, REPLAYER, CHECKS, BENCH, CLI).check(main);
    }

    /** Constants are inlined by javac, so a second declaration of an offset is only visible in the sources. */
    @Test
    void eventOffsetsAndTypesAreDeclaredOnlyInTheirDescriptors() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> descriptors = Set.of("EventHeader.java", "PluginEventLayout.java", "AsyncEventLayout.java",
                "EventTypes.java");
        Pattern constant = Pattern.compile(
                "(?:static\\s+final|final\\s+static)\\s+(?:int|long|short)\\s+(\\w+)\\s*=\\s*(26|30|34|38|42|322|402)\\s*;");
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .toList()) {
                scanned++;
                if (descriptors.contains(f.getFileName().toString())
                        && f.toString().contains("/dev/scapula/capture/event/")) {
                    continue;
                }
                Matcher m = constant.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(root.relativize(f) + ": " + m.group(1) + " = " + m.group(2));
                }
            }
        }
        assertThat(scanned).as("main sources scanned under " + root).isGreaterThan(100);
        assertThat(found).as("event header, 322 and 402 layout constants outside capture-format's descriptors "
                + "(use EventHeader, PluginEventLayout, AsyncEventLayout, EventTypes)").isEmpty();
    }
}

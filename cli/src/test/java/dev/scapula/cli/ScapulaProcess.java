package dev.scapula.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real command line in a child JVM, for what only a process shows: its exit code after a
 * signal, a resource limit ({@code prlimit}) or another user ({@code setpriv}) put before the
 * java command, with stdout and stderr kept in files of {@code dir}.
 */
final class ScapulaProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private ScapulaProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code prefix java ... dev.scapula.cli.Scapula args}, with this JVM's flags and classpath. */
    static ScapulaProcess startWithClasspath(Path dir, List<String> prefix, String classpath, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        // No hsperfdata file: under a file size limit or another user it is one more file to fail on.
        command.add("-XX:-UsePerfData");
        command.add("-Djava.io.tmpdir=" + dir);
        command.add("-Djna.tmpdir=" + dir);
        command.add("-cp");
        command.add(classpath);
        command.add(Scapula.class.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout-", ".txt");
        Path err = Files.createTempFile(dir, "stderr-", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ScapulaProcess(p, out, err);
    }

    /** Starts the command line as this JVM's own classpath runs it. */
    static ScapulaProcess start(Path dir, List<String> prefix, String... args) throws IOException {
        return startWithClasspath(dir, prefix, System.getProperty("java.class.path"), args);
    }

    /** Runs it to the end (at most a minute) and returns what it said. */
    static CommandRun run(Path dir, List<String> prefix, String... args) throws IOException, InterruptedException {
        return start(dir, prefix, args).waitFor();
    }

    Process process() {
        return process;
    }

    /** Waits for the end (at most a minute, then kills it) and returns its exit code and output. */
    CommandRun waitFor() throws IOException, InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("scapula did not end within a minute; stderr: " + stderr());
        }
        return new CommandRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr());
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }
}

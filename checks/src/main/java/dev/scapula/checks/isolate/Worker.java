package dev.scapula.checks.isolate;

import dev.scapula.capture.JvmFlags;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.isolate.CallRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one scapula entry point in a child JVM that notes every plugin call in a {@link CallLog},
 * copies its output through unchanged, and turns its death inside a call, a call that outlasts the
 * timeout, or memory beyond the limit into a {@link PluginFailure}.
 *
 * <p>The caller names the child's main class: the worker only knows how to start and watch a JVM
 * on this process's class path, not what the child renders.
 */
public final class Worker {
    /** The system property a worker reads to know where to start (index into its capture list, or fuzz execution). */
    public static final String FIRST = "scapula.worker.first";

    /** What the launcher gives every scapula JVM, and: a crash is expected here, so no core file. */
    private static final List<String> JVM_FLAGS = Stream.concat(JvmFlags.all().stream(),
            Stream.of("-XX:-CreateCoredumpOnCrash")).toList();
    private static final long POLL_MILLIS = 10;
    private static final long MEMORY_POLL_MILLIS = 100;
    /** The signal HotSpot raises on itself after a fatal error. */
    private static final int SIGABRT = 6;
    /** The exit code a worker uses after noting a finding in the call log. */
    public static final int FINDING_EXIT = 3;

    private final WorkerLaunch launch;
    private final IsolationLimits limits;

    /** @param launch the class whose {@code main} the child runs (given the arguments of {@link #run}), and where its output goes */
    public Worker(WorkerLaunch launch, IsolationLimits limits) {
        this.launch = launch;
        this.limits = limits;
    }

    /** True in a process that a parent started as a worker. */
    public static boolean inWorker() {
        return CallLog.forHost().on();
    }

    /** The worker's starting point ({@link #FIRST}), 0 when not set. */
    public static long first() {
        return Long.parseLong(System.getProperty(FIRST, "0"));
    }

    /**
     * Runs the entry point's {@code main(ARGS)} in a child JVM with these extra system properties
     * and waits for it; its stdout and stderr are copied to the launch's streams as they come.
     */
    public WorkerOutcome run(List<String> args, Map<String, String> properties) throws IOException {
        Path scratch = RunTemp.current().folder("worker-");
        try {
            Path log = scratch.resolve("calls");
            CallLog.create(log);
            Path hsErr = scratch.resolve("hs_err.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JVM_FLAGS);
            cmd.add("-XX:ErrorFile=" + hsErr);
            cmd.add("-D" + CallLog.PROPERTY + "=" + log);
            // the child's own temporary folder goes inside ours, so even a child killed mid-call leaves nothing
            cmd.add("-Djava.io.tmpdir=" + scratch);
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(launch.entryPoint().getName());
            cmd.addAll(args);
            Process child = new ProcessBuilder(cmd).directory(Path.of("").toAbsolutePath().toFile()).start();
            child.getOutputStream().close();
            // HotSpot prints its crash banner on stdout whatever the flags: both streams go through a pump
            OutputPump out = new OutputPump(child.getInputStream(), launch.out()).start("scapula-worker-out");
            OutputPump err = new OutputPump(child.getErrorStream(), launch.err()).start("scapula-worker-errors");
            PluginFailure killedFor = watch(child, log);
            int code = child.exitValue();
            // the exit status, never the text, says whether what looked like the banner was one: HotSpot
            // aborts (SIGABRT) after writing its error file; 130 and 143 are Ctrl-C and kill, not crashes
            boolean crashed = killedFor == null && (code == 128 + SIGABRT || Files.exists(hsErr));
            out.finish(crashed);
            err.finish(crashed);
            CallRecord last = CallLog.read(log);
            long progress = last.progress();
            if (killedFor != null) {
                return new WorkerOutcome(-1, killedFor, last.calls(), progress);
            }
            if (last.finding()) {
                return new WorkerOutcome(code, failure(PluginFailure.Kind.GARBAGE, last, last.message()), last.calls(),
                        progress);
            }
            if (last.inCall()) {
                return new WorkerOutcome(code, failure(PluginFailure.Kind.CRASH, last, death(code, hsErr)), last.calls(),
                        progress);
            }
            if (code > 128 || Files.exists(hsErr)) {
                // Died outside any plugin call: our own fault or a plugin thread's; say so, never hide it.
                launch.err().write(("scapula: the worker died outside any plugin call (" + death(code, hsErr) + ")"
                        + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                launch.err().flush();
            }
            return new WorkerOutcome(code, null, last.calls(), progress);
        } finally {
            RunTemp.delete(scratch);
        }
    }

    /** Waits for the child, killing it when a call outlasts the timeout or its memory passes the limit. */
    private PluginFailure watch(Process child, Path log) throws IOException {
        long stuckSince = -1;
        long lastCalls = -1;
        long nextMemoryCheck = 0;
        try {
            while (!child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                CallRecord r = CallLog.read(log);
                if (r.inCall() && r.calls() == lastCalls) {
                    if (stuckSince < 0) {
                        stuckSince = now;
                    } else if (now - stuckSince > TimeUnit.MILLISECONDS.toNanos(limits.timeoutMillis())) {
                        kill(child);
                        return failure(PluginFailure.Kind.HANG, r, "no return after " + limits.timeoutMillis()
                                + " ms (--timeout-ms); the worker was killed");
                    }
                } else {
                    stuckSince = -1;
                }
                lastCalls = r.calls();
                if (now >= nextMemoryCheck) {
                    nextMemoryCheck = now + TimeUnit.MILLISECONDS.toNanos(MEMORY_POLL_MILLIS);
                    long rss = residentBytes(child.pid());
                    if (rss > limits.memoryBytes()) {
                        kill(child);
                        return failure(PluginFailure.Kind.MEMORY, CallLog.read(log), "the worker's resident memory "
                                + rss / (1024 * 1024) + " MiB passed the limit of " + limits.memoryBytes() / (1024 * 1024)
                                + " MiB (--memory-mb); the worker was killed");
                    }
                }
            }
            return null;
        } catch (InterruptedException e) {
            kill(child);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the worker", e);
        }
    }

    private static void kill(Process child) throws IOException {
        child.destroyForcibly();
        try {
            child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the worker", e);
        }
    }

    private static PluginFailure failure(PluginFailure.Kind kind, CallRecord r, String detail) {
        return new PluginFailure(kind, r.plugin(), r.call(), r.eventNumber(),
                r.capture() == null ? null : Path.of(r.capture()), detail, r.payload());
    }

    /**
     * The signal and faulting frame from HotSpot's crash report when it wrote one (the JVM then
     * exits with 1, so the code says little), else the exit code or signal.
     */
    static String death(int code, Path hsErr) {
        List<String> found = new ArrayList<>();
        if (Files.exists(hsErr)) {
            try {
                List<String> lines = Files.readAllLines(hsErr, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i);
                    if (l.matches("#\\s+SIG\\w+ \\(0x\\w+\\).*")) {
                        found.add(l.substring(1).trim().replaceAll(",\\s*pid=.*", ""));
                    }
                    if (l.startsWith("# Problematic frame:") && i + 1 < lines.size()) {
                        found.add("frame " + lines.get(i + 1).substring(1).trim().replaceAll("\\s+", " "));
                    }
                }
            } catch (IOException | UncheckedIOException ignored) {
                // the report is a bonus: the exit code still says something
            }
        }
        if (found.isEmpty()) {
            found.add(code > 128 ? "killed by signal " + (code - 128) + signalName(code - 128)
                    : "exited with code " + code);
        }
        return String.join("; ", found);
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 4:
                return " (SIGILL)";
            case 6:
                return " (SIGABRT)";
            case 7:
                return " (SIGBUS)";
            case 8:
                return " (SIGFPE)";
            case 9:
                return " (SIGKILL)";
            case 11:
                return " (SIGSEGV)";
            default:
                return "";
        }
    }

    /** Resident memory from /proc, 0 where there is none (the limit then never triggers). */
    private static long residentBytes(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}

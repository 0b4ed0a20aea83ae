package dev.scapula.cli;

import dev.scapula.capture.io.RunTemp;
import dev.scapula.checks.isolate.WorkerLaunch;
import dev.scapula.cli.bench.BenchCommand;
import dev.scapula.cli.cat.CatCommand;
import dev.scapula.cli.demo.DemoCommand;
import dev.scapula.cli.diff.DiffCommand;
import dev.scapula.cli.fuzz.FuzzCommand;
import dev.scapula.cli.info.InfoCommand;
import dev.scapula.cli.lint.LintCommand;
import dev.scapula.cli.plugininfo.PluginInfoCommand;
import dev.scapula.cli.record.RecordCommand;
import dev.scapula.cli.recover.RecoverCommand;
import dev.scapula.cli.replay.ReplayCommand;
import dev.scapula.cli.verify.VerifyCommand;
import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scapula} command: one subcommand per job, exit 0 ok, 1 differences found, 2 usage or input error. */
@Command(name = "scapula", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Record, replay, verify and diff Falco plugin event streams in .scap captures.", ""},
        subcommands = {DemoCommand.class, RecordCommand.class, ReplayCommand.class, VerifyCommand.class, DiffCommand.class,
            FuzzCommand.class, InfoCommand.class, CatCommand.class, RecoverCommand.class, PluginInfoCommand.class,
            LintCommand.class,
            BenchCommand.class, dev.scapula.cli.corpus.ReportCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:differences or errors found in the input (verify, diff, lint)",
            "2:usage error, unreadable or damaged input"})
public final class Scapula implements Runnable {
    /** Exit code for a clean run. */
    public static final int OK = 0;
    /** Exit code when a check found differences. */
    public static final int DIFFERENCES = 1;
    /** Exit code for usage errors and unreadable input. */
    public static final int USAGE_OR_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard output as bytes, for the commands that print many lines through a {@code LinePrinter}. */
    private final OutputStream stdout;
    /** Standard error as bytes, for what is copied through unchanged (an isolation worker's stderr). */
    private final OutputStream stderr;

    /**
     * On the process's streams: picocli's AutoComplete and ManPageGenerator, which make the bundle's
     * completion script and man pages, build the command from its class.
     */
    public Scapula() {
        this(System.out, System.err);
    }

    private Scapula(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Builds the command line with scapula's exit codes and error printing, printing to the process's streams. */
    public static CommandLine commandLine() {
        return commandLine(System.out);
    }

    /**
     * Builds the command line with scapula's exit codes and error printing; text goes to
     * {@link CommandLine#getOut()} and {@link CommandLine#getErr()} (set them to capture it), and
     * the many lines of replay, cat, info and plugin-info to {@code stdout} as bytes.
     */
    public static CommandLine commandLine(OutputStream stdout) {
        return commandLine(stdout, System.err);
    }

    /**
     * The same, with standard error's bytes (what an isolation worker's stderr is copied to) going
     * to {@code stderr}: give the streams under the writers set with {@link CommandLine#setOut}
     * and {@link CommandLine#setErr}, so that text and bytes land in one place.
     */
    public static CommandLine commandLine(OutputStream stdout, OutputStream stderr) {
        CommandLine cl = new CommandLine(new Scapula(stdout, stderr));
        applyExitCodes(cl);
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("scapula: " + ErrorMessages.describe(ex));
            err.flush();
            return USAGE_OR_INPUT;
        });
        return cl;
    }

    private static void applyExitCodes(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(USAGE_OR_INPUT);
        cl.getCommandSpec().exitCodeOnExecutionException(USAGE_OR_INPUT);
        cl.getSubcommands().values().forEach(Scapula::applyExitCodes);
    }

    /** Where a command prints its text (picocli's out writer of the running command line). */
    public static PrintWriter out(CommandLine.Model.CommandSpec command) {
        return command.commandLine().getOut();
    }

    /** Where a command prints errors, warnings and notes (picocli's err writer). */
    public static PrintWriter err(CommandLine.Model.CommandSpec command) {
        return command.commandLine().getErr();
    }

    /**
     * Standard output as bytes, for a {@code LinePrinter}: it writes straight to the stream for
     * speed, so it takes the one the command line was built with; the writers' text is flushed
     * first, so the two keep their order.
     */
    public static OutputStream stdout(CommandLine.Model.CommandSpec command) {
        out(command).flush();
        return command.root().userObject() instanceof Scapula s ? s.stdout : System.out;
    }

    /**
     * Standard error as bytes, for output copied through byte for byte (an isolation worker's);
     * the err writer's text is flushed first, so the two keep their order.
     */
    public static OutputStream stderr(CommandLine.Model.CommandSpec command) {
        err(command).flush();
        return command.root().userObject() instanceof Scapula s ? s.stderr : System.err;
    }

    /**
     * How the command's workers start: they re-run this command line, and what they print is
     * copied to the command's own stdout and stderr.
     */
    public static WorkerLaunch workers(CommandLine.Model.CommandSpec command) {
        return new WorkerLaunch(Scapula.class, stdout(command), stderr(command));
    }

    public static void main(String[] args) {
        RunTemp.current(); // sweeps the folders of runs killed before they could remove theirs
        // picocli's own writers on System.out and System.err (its encoding, autoflush on println)
        CommandLine cl = commandLine(System.out);
        int code = cl.execute(args);
        cl.getOut().flush(); // print() leaves text in the writer
        cl.getErr().flush();
        System.exit(code);
    }
}

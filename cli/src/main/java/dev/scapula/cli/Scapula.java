package dev.scapula.cli;

import dev.scapula.capture.OffHeapLibrary;
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
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scapula} command: one subcommand per job, exit 0 ok, 1 differences found, 2 usage or input error. */
@Command(subcommands = {DemoCommand.class, RecordCommand.class, ReplayCommand.class, VerifyCommand.class, DiffCommand.class,
            FuzzCommand.class, InfoCommand.class, CatCommand.class, RecoverCommand.class, PluginInfoCommand.class,
            LintCommand.class,
            BenchCommand.class, dev.scapula.cli.corpus.ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Scapula extends TopCommand {
    /** Exit code for a clean run. */
    public static final int OK = 0;
    /** Exit code when a check found differences. */
    public static final int DIFFERENCES = 1;
    /** Exit code for usage errors and unreadable input. */
    public static final int USAGE_OR_INPUT = 2;

    /** The commands a run can name, each built alone (every one of {@link Scapula}'s but help). */
    static final Map<String, Supplier<Object>> COMMANDS = Map.ofEntries(
            Map.entry("demo", DemoCommand::new), Map.entry("record", RecordCommand::new),
            Map.entry("replay", ReplayCommand::new), Map.entry("verify", VerifyCommand::new),
            Map.entry("diff", DiffCommand::new), Map.entry("fuzz", FuzzCommand::new),
            Map.entry("info", InfoCommand::new), Map.entry("cat", CatCommand::new),
            Map.entry("recover", RecoverCommand::new), Map.entry("plugin-info", PluginInfoCommand::new),
            Map.entry("lint", LintCommand::new), Map.entry("bench", BenchCommand::new),
            Map.entry("report", dev.scapula.cli.corpus.ReportCommand::new));


    /**
     * On the process's streams: picocli's AutoComplete and ManPageGenerator, which make the bundle's
     * completion script and man pages, build the command from its class.
     */
    public Scapula() {
        this(System.out, System.err);
    }

    private Scapula(OutputStream stdout, OutputStream stderr) {
        super(stdout, stderr);
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
        return configure(new CommandLine(new Scapula(stdout, stderr)));
    }

    /** The command line that runs {@code args} on the process's streams (see the next method). */
    public static CommandLine commandLineFor(String... args) {
        return commandLineFor(System.out, System.err, args);
    }

    /**
     * The command line that runs {@code args}, printing to these streams: when they start with a
     * command's name, only that command is built (the rest would cost start-up time for nothing),
     * for {@code --version} none, otherwise every command, for help, suggestions and errors about
     * the command line as a whole.
     */
    public static CommandLine commandLineFor(OutputStream stdout, OutputStream stderr, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return configure(new CommandLine(new TopCommand(stdout, stderr)));
        }
        Supplier<Object> command = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (command == null) {
            return commandLine(stdout, stderr);
        }
        CommandLine cl = new CommandLine(new TopCommand(stdout, stderr));
        cl.addSubcommand(args[0], command.get());
        return configure(cl);
    }

    private static CommandLine configure(CommandLine cl) {
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
        return command.root().userObject() instanceof TopCommand t ? t.stdout : System.out;
    }

    /**
     * Standard error as bytes, for output copied through byte for byte (an isolation worker's);
     * the err writer's text is flushed first, so the two keep their order.
     */
    public static OutputStream stderr(CommandLine.Model.CommandSpec command) {
        err(command).flush();
        return command.root().userObject() instanceof TopCommand t ? t.stderr : System.err;
    }

    /**
     * How the command's workers start: they re-run this command line, and what they print is
     * copied to the command's own stdout and stderr.
     */
    public static WorkerLaunch workers(CommandLine.Model.CommandSpec command) {
        return new WorkerLaunch(Scapula.class, stdout(command), stderr(command));
    }

    public static void main(String[] args) {
        OffHeapLibrary.prepare(); // before any capture buffer is made
        RunTemp.current(); // sweeps the folders of runs killed before they could remove theirs
        // picocli's own writers on System.out and System.err (its encoding, autoflush on println)
        CommandLine cl = commandLineFor(System.out, System.err, args);
        // made once here and handed down, so the writers a command prints to are the ones flushed below
        // (picocli makes a writer per command on first use otherwise)
        cl.setOut(cl.getOut());
        cl.setErr(cl.getErr());
        int code = cl.execute(args);
        cl.getOut().flush(); // print() leaves text in the writer
        cl.getErr().flush();
        System.exit(code);
    }
}

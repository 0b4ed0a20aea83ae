package dev.scapula.cli;

import dev.scapula.capture.io.RunTemp;
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

    /** Builds the command line with every command, scapula's exit codes and error printing. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Scapula()));
    }

    /**
     * The command line that runs {@code args}: when they start with a command's name, only that command
     * is built (the rest would cost start-up time for nothing), for {@code --version} none, otherwise
     * every command, for help, suggestions and errors about the command line as a whole.
     */
    public static CommandLine commandLineFor(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return configure(new CommandLine(new TopCommand()));
        }
        Supplier<Object> command = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (command == null) {
            return commandLine();
        }
        CommandLine cl = new CommandLine(new TopCommand());
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

    public static void main(String[] args) {
        RunTemp.current(); // sweeps the folders of runs killed before they could remove theirs
        System.exit(commandLineFor(args).execute(args));
    }
}

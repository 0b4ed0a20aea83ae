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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Builds the command line with scapula's exit codes and error printing. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Scapula());
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
        System.exit(commandLine().execute(args));
    }
}

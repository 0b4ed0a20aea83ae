package dev.scapula.cli;

import java.io.OutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scapula} command without its subcommands: {@link Scapula} adds them all, and
 * {@link Scapula#main} builds this with only the one command a run names, since picocli builds
 * the model of every subcommand it is given. It holds the byte streams the run prints to.
 */
@Command(name = "scapula", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Record, replay, verify and diff Falco plugin event streams in .scap captures.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:differences or errors found in the input (verify, diff, lint)",
            "2:usage error, unreadable or damaged input"})
public class TopCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard output as bytes, for the commands that print many lines through a {@code LinePrinter}. */
    final OutputStream stdout;
    /** Standard error as bytes, for what is copied through unchanged (an isolation worker's stderr). */
    final OutputStream stderr;

    TopCommand(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}

package dev.scapula.cli;

import dev.scapula.cli.output.Terminal;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Answers a bad flag or argument with the problem, one line of usage and where the full help is:
 * the whole option table scrolls the one line that says what went wrong off the screen.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        PrintWriter err = cmd.getErr();
        List<String> unknown = cmd.getUnmatchedArguments();
        // picocli checks required options before unknown ones: "Missing required option" for a
        // misspelt required flag hides the misspelling, so the unknown argument goes first.
        String problem = !(ex instanceof UnmatchedArgumentException) && !unknown.isEmpty()
                ? "Unknown option or argument: '" + unknown.get(0) + "' (and " + ex.getMessage() + ")"
                : ex.getMessage();
        err.println(spec.qualifiedName() + ": " + Terminal.safe(problem));
        if (ex instanceof UnmatchedArgumentException unmatched) {
            // "Did you mean" is worth its line: a misspelt flag is the usual bad flag.
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("usage: " + oneLine(spec));
        err.println("see '" + spec.qualifiedName() + " --help'");
        err.flush();
        return spec.exitCodeOnInvalidInput();
    }

    /** The command, its required options, {@code [OPTIONS]} and its arguments: what fits one line. */
    private static String oneLine(CommandSpec spec) {
        StringBuilder line = new StringBuilder(spec.qualifiedName());
        for (OptionSpec o : spec.options()) {
            if (o.required() && !o.hidden()) {
                line.append(' ').append(o.shortestName());
                if (o.arity().max() > 0) {
                    line.append(' ').append(o.paramLabel());
                }
            }
        }
        if (spec.options().stream().anyMatch(o -> !o.required() && !o.hidden())) {
            line.append(" [OPTIONS]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                line.append(' ').append(p.paramLabel()).append(p.arity().max() > 1 ? "..." : "");
            }
        }
        if (!spec.subcommands().isEmpty()) {
            line.append(" COMMAND");
        }
        return line.toString();
    }
}

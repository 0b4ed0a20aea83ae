package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run that names a command gets only that command built ({@link Scapula#commandLineFor}): every
 * command is reachable that way and reads its arguments and prints its help exactly as it does
 * beside all the others.
 */
class CommandAloneTest {
    @Test
    void everyCommandButHelpCanBeBuiltAlone() {
        Set<String> all = new TreeSet<>(Scapula.commandLine().getSubcommands().keySet());
        all.remove("help");
        assertThat(new TreeSet<>(Scapula.COMMANDS.keySet())).isEqualTo(all);
    }

    @Test
    void eachCommandAloneHasTheSameUsageAndExitCodesAsBesideTheOthers() {
        CommandLine full = Scapula.commandLine();
        for (String name : Scapula.COMMANDS.keySet()) {
            CommandLine alone = Scapula.commandLineFor(name, "--help").getSubcommands().get(name);
            CommandLine beside = full.getSubcommands().get(name);
            assertThat(usage(alone)).as(name).isEqualTo(usage(beside));
            assertThat(alone.getCommandSpec().exitCodeOnInvalidInput()).as(name).isEqualTo(Scapula.USAGE_OR_INPUT);
            assertThat(alone.getCommandSpec().exitCodeOnExecutionException()).as(name)
                    .isEqualTo(Scapula.USAGE_OR_INPUT);
        }
    }

    @Test
    void aRunThatNamesNoCommandGetsThemAll() {
        assertThat(Scapula.commandLineFor("--help").getSubcommands()).containsKeys("info", "help");
        assertThat(Scapula.commandLineFor("inf", "x").getSubcommands()).containsKeys("info", "help");
        assertThat(Scapula.commandLineFor().getSubcommands()).containsKeys("info", "help");
    }

    private static String usage(CommandLine cl) {
        StringWriter out = new StringWriter();
        cl.usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }
}

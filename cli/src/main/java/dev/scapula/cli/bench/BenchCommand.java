package dev.scapula.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scapula bench}: end-to-end throughput, each beside a baseline run in the same process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end throughput of record and replay on the bundled counter and fields plugins, "
                + "each printed beside baselines measured in the same run: raw file reads and writes of the same "
                + "bytes, and the sample C driver calling the same plugin directly.",
            "", "Timings are wall clock on this machine: compare ratios, not absolute numbers, across machines."},
        subcommands = {ReplayBench.class, RecordBench.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose: bench replay, or bench record");
    }
}

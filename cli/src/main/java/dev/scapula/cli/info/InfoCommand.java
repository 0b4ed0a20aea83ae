package dev.scapula.cli.info;

import dev.scapula.capture.summary.CaptureSummarizer;
import dev.scapula.capture.summary.CaptureSummary;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.cli.output.Progress;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scapula info}: what is inside each capture, like capinfos or mcap info. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show what is inside captures: format version, compression, byte order, sizes, machine info, "
                + "the scapula manifest, block counts by type, event counts by type, plugin id, source and async "
                + "name, first and last timestamps, and any truncation or damage found.",
            "",
            "Every FILE is read to the end in constant memory; '-' reads standard input."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file read cleanly", "2:a file is unreadable, damaged or truncated (what was read is still shown)"})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture files (.scap, gzip or zstd), or '-' for stdin.")
    List<String> files;

    @Option(names = {"-j", "--json"}, description = "One JSON object per file, one per line (for jq).")
    boolean json;

    @Override
    public Integer call() {
        int exit = Scapula.OK;
        // Setting up Jackson is a good part of a short run's start-up: only --json pays for it.
        Json jsonOut = json ? new Json() : null;
        try (LinePrinter out = new LinePrinter(Scapula.stdout(spec))) {
            for (int i = 0; i < files.size(); i++) {
                String file = files.get(i);
                try (Progress progress = new Progress("info " + file, Scapula.err(spec))) {
                    CaptureSummary s = new CaptureSummarizer().summarize(file, progress::update);
                    if (s.damage() != null) {
                        exit = Scapula.USAGE_OR_INPUT;
                    }
                    if (json) {
                        out.println(jsonOut.line(s));
                    } else {
                        if (i > 0) {
                            out.println("");
                        }
                        out.println(new SummaryText().render(s).stripTrailing());
                    }
                } catch (IOException e) {
                    Scapula.err(spec).println("scapula info: " + ErrorMessages.describe(e));
                    exit = Scapula.USAGE_OR_INPUT;
                }
            }
        }
        return exit;
    }
}

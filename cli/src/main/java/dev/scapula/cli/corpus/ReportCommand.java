package dev.scapula.cli.corpus;

import dev.scapula.capture.io.NewFiles;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.diff.CorpusHtml;
import dev.scapula.cli.output.Json;
import dev.scapula.replayer.corpus.CorpusReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scapula report}: works on the JSON reports of corpus runs. */
@Command(name = "report", mixinStandardHelpOptions = true, subcommands = ReportCommand.Merge.class,
        description = "Works on the JSON reports of corpus runs (verify --corpus --json).")
public final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Scapula.err(spec).println("scapula report: give a subcommand, e.g. 'scapula report merge PART.json... -o "
                + "R.json'");
    }

    /** {@code scapula report merge}: merges shard reports into the report of one run over the whole corpus. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merges the JSON reports of the shards of a corpus run (--shard K/N --json) into the "
                    + "report one run over the whole corpus gives, summary included.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:merged (with --exit-code: and every capture was clean)",
                "1:with --exit-code: a capture had differences",
                "2:a report could not be read or the shards overlap (with --exit-code: or a capture failed to load)"})
    public static final class Merge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PART.json", arity = "1..*", description = "The shard reports.")
        List<Path> parts;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the merged report here "
                + "(default: standard output).")
        Path output;

        @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the merged findings as SARIF.")
        Path sarif;

        @Option(names = "--html", paramLabel = "FILE", description = "Also write the merged diff report as the "
                + "HTML page diff --corpus --html draws (diff reports only); an existing FILE is kept unless --force.")
        Path html;

        @Option(names = "--force", description = "Overwrite the --html FILE if it exists (never through a symbolic "
                + "link).")
        boolean force;

        @Option(names = "--exit-code", description = "Exit as the single run over the whole corpus would: 0 clean, "
                + "1 differences, 2 a capture failed to load.")
        boolean exitCode;

        @Override
        public Integer call() {
            Json json = new Json();
            List<CorpusReport> reports = new ArrayList<>();
            for (Path p : parts) {
                try {
                    reports.add(json.mapper().readValue(p.toFile(), CorpusReport.class));
                } catch (IOException e) {
                    Scapula.err(spec).println("scapula report merge: " + p + ": not a corpus report (" + e.getMessage()
                            .lines().findFirst().orElse("") + ")");
                    return Scapula.USAGE_OR_INPUT;
                }
            }
            CorpusReport merged;
            String page = null;
            try {
                merged = CorpusReport.merge(reports);
                if (html != null) {
                    NewFiles.checkCreatable(html, force);
                    page = new CorpusHtml().of(merged);
                }
            } catch (IllegalArgumentException | IOException e) {
                Scapula.err(spec).println("scapula report merge: " + e.getMessage());
                return Scapula.USAGE_OR_INPUT;
            }
            try {
                if (output == null) {
                    Scapula.out(spec).println(json.line(merged));
                } else {
                    Files.writeString(output, json.line(merged) + "\n");
                }
                if (sarif != null) {
                    new Sarif().write(merged, sarif);
                }
                if (page != null) {
                    NewFiles.write(html, page.getBytes(StandardCharsets.UTF_8), force);
                }
            } catch (IOException e) {
                Scapula.err(spec).println("scapula report merge: " + e.getMessage());
                return Scapula.USAGE_OR_INPUT;
            }
            return exitCode ? merged.summary().exitCode() : Scapula.OK;
        }
    }
}

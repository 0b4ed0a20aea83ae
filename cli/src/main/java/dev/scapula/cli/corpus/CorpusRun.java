package dev.scapula.cli.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.isolate.IsolateOptions;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.Progress;
import dev.scapula.cli.output.Terminal;
import dev.scapula.replayer.corpus.CaptureResult;
import dev.scapula.replayer.corpus.CaptureUnit;
import dev.scapula.replayer.corpus.CorpusReport;
import dev.scapula.replayer.corpus.CorpusRunner;
import dev.scapula.replayer.corpus.FieldSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Runs one command's check over a corpus and prints the report in the chosen format. */
public final class CorpusRun {
    private final String command;
    private final CorpusOptions options;
    private final boolean json;
    private final IsolateOptions isolation;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * A run of {@code command} with these corpus options, to out and err; {@code json} for one JSON
     * document; {@code isolation} says whether each capture is checked in a worker process.
     */
    public CorpusRun(String command, CorpusOptions options, boolean json, IsolateOptions isolation,
            PrintWriter out, PrintWriter err) {
        this.command = command;
        this.options = options;
        this.json = json;
        this.isolation = isolation;
        this.out = out;
        this.err = err;
    }

    /** True in the worker process that checks one capture of an isolated corpus run for its parent. */
    public static boolean inCaptureWorker() {
        return IsolatedCheck.inWorker();
    }

    /** Writes a corpus report to a file beside the printed report, as an HTML page. */
    @FunctionalInterface
    public interface ReportFile {
        /** Writes the file of this report. */
        void write(CorpusReport report) throws IOException;
    }

    /**
     * Checks every capture of the shard, prints the report and writes {@code files} (and --sarif);
     * returns the corpus exit code.
     */
    public int run(CorpusRunner.Check check, ReportFile... files) {
        if (IsolatedCheck.inWorker()) {
            try {
                IsolatedCheck.runTask(check);
                return Scapula.OK;
            } catch (Exception e) {
                err.println("scapula " + command + ": worker: " + e.getMessage());
                return Scapula.USAGE_OR_INPUT;
            }
        }
        // with --isolate this process only hands captures out: each is checked by a worker
        CorpusRunner.Check perCapture = isolation.delegate() ? new IsolatedCheck(isolation) : check;
        List<CaptureUnit> units;
        CorpusRunner runner;
        try {
            units = options.units();
            runner = new CorpusRunner(options.jobs());
        } catch (IOException | IllegalArgumentException e) {
            err.println("scapula " + command + ": " + e.getMessage());
            return Scapula.USAGE_OR_INPUT;
        }
        if (units.isEmpty()) {
            err.println("scapula " + command + ": no captures in the corpus" + (options.shard == null ? ""
                    : " shard " + options.shard));
        }
        List<CaptureResult> results;
        try (Progress progress = new Progress("scapula " + command, err)) {
            Tally tally = new Tally(units.size(), progress);
            results = runner.run(units, perCapture, tally::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("scapula " + command + ": interrupted");
            return Scapula.USAGE_OR_INPUT;
        }
        CorpusReport report = CorpusReport.of(command, results);
        print(report);
        if (options.sarif != null) {
            try {
                new Sarif().write(report, options.sarif);
            } catch (IOException e) {
                err.println("scapula " + command + ": " + options.sarif + ": " + e.getMessage());
                return Scapula.USAGE_OR_INPUT;
            }
        }
        for (ReportFile f : files) {
            try {
                f.write(report);
            } catch (IOException e) {
                err.println("scapula " + command + ": " + e.getMessage());
                return Scapula.USAGE_OR_INPUT;
            }
        }
        return report.summary().exitCode();
    }

    private void print(CorpusReport report) {
        Json lines = new Json();
        if (json) {
            out.println(lines.line(report));
        } else if (options.jsonl) {
            report.captures().forEach(r -> out.println(lines.line(r)));
            out.println(lines.line(report.summary()));
        } else {
            out.print(text(report));
            out.flush();
        }
    }

    /** The text report: one line per capture, then the summary. */
    static String text(CorpusReport report) {
        StringBuilder b = new StringBuilder();
        for (CaptureResult r : report.captures()) {
            b.append(String.format("%-9s %s", r.status().name().toLowerCase(), Terminal.safe(r.capture())));
            if (r.status() == CaptureResult.Status.ERROR) {
                b.append(": ").append(Terminal.safe(r.error()));
            } else {
                b.append(" (").append(r.events()).append(" events)");
            }
            b.append('\n');
        }
        var s = report.summary();
        b.append(String.format("%d captures checked: %d ok, %d with differences, %d failed to load; %d events%n",
                s.captures(), s.ok(), s.different(), s.errors(), s.events()));
        if (!s.fields().isEmpty()) {
            String change = report.command().equals("verify") ? "a divergence" : "a change";
            int width = Math.max(40, s.fields().stream().mapToInt(f -> f.plugin().length() + 1 + f.field().length())
                    .max().orElse(0));
            String row = "  %-" + width + "s %10s %14s %10s %14s%n";
            b.append(String.format("per field, over the captures checked:%n"));
            b.append(String.format("  %-" + width + "s %25s %25s%n", "", "with a value", "with " + change));
            b.append(String.format(row, "plugin field", "captures", "events", "captures", "events"));
            for (FieldSummary f : s.fields()) {
                b.append(String.format(row, Terminal.safe(f.plugin() + " " + f.field()),
                        String.format("%,d", f.capturesWithValue()), String.format("%,d", f.eventsWithValue()),
                        String.format("%,d", f.capturesWithChange()), String.format("%,d", f.eventsWithChange())));
            }
        }
        return b.toString();
    }

    /** Counts finished captures for the progress line; tasks finish on many threads. */
    private static final class Tally {
        private final int total;
        private final Progress progress;
        private int done;
        private int findings;
        private long events;

        Tally(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        synchronized void add(CaptureResult r) {
            done++;
            events += r.events();
            if (r.status() != CaptureResult.Status.OK) {
                findings++;
            }
            progress.report(events, 0, String.format(", %d/%d captures, %d with findings", done, total, findings));
        }
    }

    /** The mapper reports are read back with. */
    static ObjectMapper mapper() {
        return new Json().mapper();
    }
}

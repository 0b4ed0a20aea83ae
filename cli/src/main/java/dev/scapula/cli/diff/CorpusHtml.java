package dev.scapula.cli.diff;

import static dev.scapula.cli.diff.DiffHtml.esc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scapula.cli.output.Json;
import dev.scapula.replayer.corpus.CaptureResult;
import dev.scapula.replayer.corpus.CorpusReport;
import dev.scapula.replayer.corpus.CorpusSummary;
import dev.scapula.replayer.corpus.FieldSummary;
import dev.scapula.replayer.diff.DiffReport;

/**
 * A diff over a corpus as one self-contained HTML page: the summary (captures by status, and per
 * field the captures and events with a value and with a change), an index of the captures, then one
 * section per capture with the single-capture report's content. Built from the report alone, so the
 * page of merged shard reports is the page of one run over the whole corpus. No script: it is tables.
 */
public final class CorpusHtml {
    private final Json json = new Json();

    /** The page of this diff report; a report of another command is refused. */
    public String of(CorpusReport report) {
        if (!report.command().equals("diff")) {
            throw new IllegalArgumentException("--html draws diff reports; this is a " + report.command()
                    + " report");
        }
        StringBuilder b = new StringBuilder();
        CorpusSummary s = report.summary();
        String title = "scapula diff over a corpus of " + s.captures() + " captures";
        // closed void elements, so the page is XML as well as HTML and any XML parser can check it
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").append(esc(title))
                .append("</title>\n<style>\n").append(DiffHtml.STYLE).append("</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append(String.format("<p id=\"summary\" class=\"%s\">%d captures checked: %d ok, %d with differences, "
                + "%d failed to load; %,d events.</p>%n", s.exitCode() == 0 ? "ok" : "error", s.captures(), s.ok(),
                s.different(), s.errors(), s.events()));
        fields(s, b);
        b.append("<h2>Captures</h2>\n<table id=\"captures\"><tr><th>capture</th><th>status</th><th>events</th></tr>\n");
        for (int i = 0; i < report.captures().size(); i++) {
            CaptureResult r = report.captures().get(i);
            b.append("<tr><td><a href=\"#capture-").append(i + 1).append("\"><code>").append(esc(r.capture()))
                    .append("</code></a></td><td class=\"").append(r.status() == CaptureResult.Status.OK ? "ok" : "error")
                    .append("\">").append(r.status().name().toLowerCase()).append("</td><td>")
                    .append(String.format("%,d", r.events())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (int i = 0; i < report.captures().size(); i++) {
            capture(report.captures().get(i), i + 1, b);
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void fields(CorpusSummary s, StringBuilder b) {
        if (s.fields().isEmpty()) {
            return;
        }
        b.append("<h2>Fields</h2>\n<table id=\"fields\"><tr><th rowspan=\"2\">plugin</th><th rowspan=\"2\">field</th>"
                + "<th colspan=\"2\">with a value</th><th colspan=\"2\">with a change</th></tr>\n"
                + "<tr><th>captures</th><th>events</th><th>captures</th><th>events</th></tr>\n");
        for (FieldSummary f : s.fields()) {
            b.append("<tr><td>").append(esc(f.plugin())).append("</td><td><code>").append(esc(f.field()))
                    .append("</code></td>").append(String.format("<td>%,d</td><td>%,d</td><td>%,d</td><td>%,d</td>",
                            f.capturesWithValue(), f.eventsWithValue(), f.capturesWithChange(), f.eventsWithChange()))
                    .append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private void capture(CaptureResult r, int n, StringBuilder b) {
        String id = "capture-" + n;
        b.append("<section id=\"").append(id).append("\" class=\"capture\" data-capture=\"").append(esc(r.capture()))
                .append("\" data-status=\"").append(r.status().name()).append("\">\n<h2><code>")
                .append(esc(r.capture())).append("</code></h2>\n");
        if (r.report() == null) {
            b.append("<p class=\"error\">").append(esc(r.error())).append("</p>\n");
        } else {
            DiffReport d;
            try {
                d = json.mapper().treeToValue(r.report(), DiffReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(r.capture() + ": not a diff report (" + e.getOriginalMessage()
                        + ")", e);
            }
            b.append("<p>").append(esc(d.plugin())).append(' ').append(esc(d.oldVersion())).append(" → ")
                    .append(esc(d.newVersion())).append("</p>\n");
            DiffHtml.sections(d, b, id + "-", 3, false);
        }
        b.append("</section>\n");
    }
}

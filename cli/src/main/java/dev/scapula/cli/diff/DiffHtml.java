package dev.scapula.cli.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.FieldChange;

/**
 * The diff as one self-contained HTML page (no external files, so it can be attached to a CI
 * run): the summary and verdict, the schema and value changes as tables, and a bar chart of
 * changed events per field, drawn in the browser from the data embedded in the page.
 */
final class DiffHtml {
    private final ObjectMapper json = new ObjectMapper();

    /** The page's style, shared with the corpus page so both read alike. */
    static final String STYLE = "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-size:13px}"
            + ".ok{color:#176f2c}.error{color:#b00020;font-weight:bold}svg text{font:12px sans-serif}\n";

    String of(DiffReport r) {
        StringBuilder b = new StringBuilder();
        String title = "scapula diff " + r.plugin() + " " + r.oldVersion() + " → " + r.newVersion();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>\n").append(STYLE).append("</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        sections(r, b, "", 2, true);
        b.append("<script type=\"application/json\" id=\"diff-data\">").append(data(r).replace("</", "<\\/"))
                .append("</script>\n<script>\n").append(CHART).append("</script>\n</body></html>\n");
        return b.toString();
    }

    /**
     * The report's body: summary, verdict, schema and value changes. Ids start with {@code idPrefix}
     * and headings at level {@code h}, so one page can hold the sections of many captures;
     * {@code chart} leaves room for the bar chart the single-capture page draws.
     */
    static void sections(DiffReport r, StringBuilder b, String idPrefix, int h, boolean chart) {
        String open = "<h" + h + ">";
        String close = "</h" + h + ">";
        String openSub = "<h" + (h + 1) + ">";
        String closeSub = "</h" + (h + 1) + ">";
        b.append(String.format("<p id=\"%ssummary\">%,d plugin events replayed through both versions.</p>%n",
                idPrefix, r.events()));
        b.append("<p id=\"").append(idPrefix).append("verdict\" class=\"").append(r.understated() ? "error" : "ok")
                .append("\">The change needs a ")
                .append(r.required().label()).append(" bump; ").append(esc(r.oldVersion())).append(" → ")
                .append(esc(r.newVersion())).append(" is a ").append(r.made().label()).append(" bump: ")
                .append(r.understated() ? "UNDERSTATED" : "OK").append("</p>\n<ul>");
        r.reasons().forEach(reason -> b.append("<li>").append(esc(reason)).append("</li>"));
        b.append("</ul>\n");
        if (r.nothingCompared() != null) {
            b.append("<p id=\"").append(idPrefix).append("nothing-compared\" class=\"error\">Nothing compared: ")
                    .append(esc(r.nothingCompared())).append("</p>\n");
        }
        if (!r.identityChanges().isEmpty()) {
            b.append(open).append("Identity").append(close).append("<ul>");
            r.identityChanges().forEach(c -> b.append("<li>").append(esc(c)).append("</li>"));
            b.append("</ul>\n");
        }
        b.append(open).append("Schema").append(close).append("\n");
        if (r.schemaChanges().isEmpty()) {
            b.append("<p>Unchanged.</p>\n");
        } else {
            b.append("<table id=\"").append(idPrefix)
                    .append("schema\"><tr><th>field</th><th>change</th><th>detail</th></tr>\n");
            for (FieldChange c : r.schemaChanges()) {
                b.append("<tr><td><code>").append(esc(c.field())).append("</code></td><td>").append(esc(c.kind()))
                        .append("</td><td>").append(esc(c.detail())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append(open).append("Values").append(close).append("\n");
        if (!r.fieldValues().isEmpty()) {
            b.append("<table id=\"").append(idPrefix)
                    .append("field-values\"><tr><th>field</th><th>events with a value, old</th><th>new</th></tr>\n");
            r.fieldValues().forEach(c -> b.append("<tr><td><code>").append(esc(c.field())).append("</code></td><td>")
                    .append(String.format("%,d", c.oldVersion())).append("</td><td>")
                    .append(String.format("%,d", c.newVersion())).append("</td></tr>\n"));
            b.append("</table>\n");
        }
        if (r.valueChanges().isEmpty()) {
            b.append("<p>Unchanged on every common field.</p>\n");
        } else {
            if (chart) {
                b.append("<div id=\"").append(idPrefix).append("chart\"></div>\n");
            }
            for (FieldChange c : r.valueChanges()) {
                b.append(openSub).append("<code>").append(esc(c.field())).append("</code>").append(closeSub)
                        .append("\n");
                b.append(String.format("<p>%,d of %,d events changed (%s).</p>%n", c.eventsChanged(), r.events(),
                        esc(c.detail())));
                b.append("<table class=\"examples\" data-field=\"").append(esc(c.field()))
                        .append("\"><tr><th>event</th><th>").append(esc(r.oldVersion())).append("</th><th>")
                        .append(esc(r.newVersion())).append("</th></tr>\n");
                for (FieldChange.Example e : c.examples()) {
                    b.append("<tr><td>").append(e.eventNumber()).append("</td><td><code>").append(esc(e.oldValue()))
                            .append("</code></td><td><code>").append(esc(e.newValue())).append("</code></td></tr>\n");
                }
                b.append("</table>\n");
            }
        }
    }

    private String data(DiffReport r) {
        ObjectNode root = json.createObjectNode();
        root.put("events", r.events());
        ArrayNode fields = root.putArray("fields");
        for (FieldChange c : r.valueChanges()) {
            fields.addObject().put("field", c.field()).put("changed", c.eventsChanged());
        }
        return root.toString();
    }

    /** The text escaped for HTML text and attribute values. */
    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** Draws one horizontal bar per changed field: its length is the share of events that changed. */
    private static final String CHART = String.join("\n",
            "(function () {",
            "  var data = JSON.parse(document.getElementById('diff-data').textContent);",
            "  var host = document.getElementById('chart');",
            "  if (!host || data.fields.length === 0) { return; }",
            "  var ns = 'http://www.w3.org/2000/svg', barWidth = 400, row = 24, label = 220;",
            "  var svg = document.createElementNS(ns, 'svg');",
            "  svg.setAttribute('width', label + barWidth + 120);",
            "  svg.setAttribute('height', row * data.fields.length + 8);",
            "  svg.setAttribute('role', 'img');",
            "  svg.setAttribute('aria-label', 'events changed per field');",
            "  data.fields.forEach(function (f, i) {",
            "    var share = data.events > 0 ? f.changed / data.events : 0;",
            "    var name = document.createElementNS(ns, 'text');",
            "    name.setAttribute('x', 0); name.setAttribute('y', i * row + 16);",
            "    name.textContent = f.field;",
            "    var bar = document.createElementNS(ns, 'rect');",
            "    bar.setAttribute('x', label); bar.setAttribute('y', i * row + 4);",
            "    bar.setAttribute('height', row - 8);",
            "    bar.setAttribute('width', Math.round(share * barWidth));",
            "    bar.setAttribute('fill', '#b00020');",
            "    bar.setAttribute('data-field', f.field);",
            "    var count = document.createElementNS(ns, 'text');",
            "    count.setAttribute('x', label + Math.round(share * barWidth) + 6); count.setAttribute('y', i * row + 16);",
            "    count.textContent = f.changed.toLocaleString('en-US') + ' (' + Math.round(share * 100) + '%)';",
            "    svg.appendChild(name); svg.appendChild(bar); svg.appendChild(count);",
            "  });",
            "  host.appendChild(svg);",
            "})();",
            "");
}

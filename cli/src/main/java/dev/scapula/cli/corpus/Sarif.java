package dev.scapula.cli.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.cli.Version;
import dev.scapula.replayer.corpus.CaptureResult;
import dev.scapula.replayer.corpus.CorpusReport;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a corpus report as SARIF 2.1.0, one result per capture with a difference or an error. */
final class Sarif {
    void write(CorpusReport report, Path file) throws IOException {
        ObjectMapper m = CorpusRun.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "scapula");
        driver.put("version", Version.current());
        ArrayNode results = run.putArray("results");
        for (CaptureResult r : report.captures()) {
            if (r.status() == CaptureResult.Status.OK) {
                continue;
            }
            ObjectNode res = results.addObject();
            boolean error = r.status() == CaptureResult.Status.ERROR;
            res.put("ruleId", report.command() + (error ? "/unreadable" : "/difference"));
            res.put("level", "error");
            res.putObject("message").put("text", error ? r.error()
                    : report.command() + " found differences in " + r.capture());
            res.putArray("locations").addObject().putObject("physicalLocation").putObject("artifactLocation")
                    .put("uri", r.capture());
        }
        m.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}

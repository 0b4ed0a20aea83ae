package dev.scapula.cli.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.checks.lint.Finding;
import dev.scapula.checks.lint.LintReport;
import dev.scapula.checks.lint.Rule;
import dev.scapula.checks.lint.Rules;
import java.util.List;

/**
 * Findings as a SARIF 2.1.0 log, the format GitHub code scanning reads: one run, the rule
 * catalogue as the driver's rules, one result per finding located at the plugin file.
 */
final class Sarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String INFO_URI = "https://github.com/scapula-dev/scapula";

    private final ObjectMapper json = new ObjectMapper();

    ObjectNode of(List<LintReport> reports, String version) {
        ObjectNode log = json.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "scapula lint");
        driver.put("version", version);
        driver.put("informationUri", INFO_URI);
        ArrayNode rules = driver.putArray("rules");
        for (Rule r : Rules.ALL) {
            ObjectNode rule = rules.addObject();
            rule.put("id", r.id());
            rule.putObject("shortDescription").put("text", r.summary());
            rule.putObject("help").put("text", r.summary() + " (" + r.source() + ")");
        }
        ArrayNode results = run.putArray("results");
        for (LintReport report : reports) {
            for (Finding f : report.findings()) {
                ObjectNode result = results.addObject();
                result.put("ruleId", f.rule());
                result.put("ruleIndex", Rules.ALL.indexOf(Rules.find(f.rule()).orElseThrow()));
                result.put("level", f.severity().sarifLevel());
                result.putObject("message").put("text", f.message() + ". Fix: " + f.fix()
                        + (f.reproduce().isEmpty() ? "" : ". Reproduce: " + f.reproduce()));
                result.putArray("locations").addObject().putObject("physicalLocation")
                        .putObject("artifactLocation").put("uri", report.plugin());
            }
        }
        return log;
    }
}

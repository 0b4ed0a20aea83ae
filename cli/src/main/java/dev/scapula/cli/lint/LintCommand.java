package dev.scapula.cli.lint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.Version;
import dev.scapula.cli.output.Json;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scapula lint}: the plugin release checklist, run against built plugin files. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check a built plugin against the plugin release checklist.",
            "",
            "API version and the frameworks that load it, ID and event source against the plugin registry, "
                + "semver, contact, description, init schema, fields, and behaviour: the verify checks on "
                + "--capture files, or on 2,000 events a source plugin records itself. With --previous, the diff "
                + "semver verdict against the previous release. Each finding has a severity (ERROR, WARNING, "
                + "NOTE), the rule it breaks and how to fix it.",
            "",
            "Example: scapula lint build/myplugin.so --previous releases/myplugin-0.3.0.so --sarif lint.sarif"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no ERROR findings", "1:ERROR findings", "2:a file could not be read or is not a plugin"})
public final class LintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLUGIN", arity = "1..*", description = "Plugin files (or names) to lint.")
    List<String> plugins;

    @Option(names = "--previous", paramLabel = "OLD.so", description = "The previous release, for the semver verdict.")
    String previous;

    @Option(names = {"--capture", "-r"}, paramLabel = "FILE", description = "Captures to check behaviour on (repeatable).")
    List<Path> captures = new ArrayList<>();

    @Option(names = "--registry", paramLabel = "FILE",
            description = "A plugin registry instead of the bundled snapshot: falcosecurity/plugins' registry.yaml "
                    + "(*.yaml, *.yml), or ID NAME SOURCE CAPABILITIES, tab-separated.")
    Path registryFile;

    @Option(names = "--fuzz-time", paramLabel = "SECONDS", defaultValue = "5", description = "How long to fuzz an "
            + "extractor that declares no sources, in isolated workers with a fixed seed (0: skip; default: "
            + "${DEFAULT-VALUE}).")
    double fuzzSeconds;

    @Option(names = "--json", description = "One JSON object per plugin instead of text.")
    boolean json;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the findings as SARIF 2.1.0 (GitHub code scanning).")
    Path sarif;

    @Mixin
    PluginOptions pluginOptions;

    @Override
    public Integer call() throws IOException, PluginException {
        PluginRegistry registry = registryFile == null ? PluginRegistry.bundled() : PluginRegistry.file(registryFile);
        Linter linter = new Linter(registry, Version.current(), fuzzSeconds, pluginOptions::reusableName);
        Path old = previous == null ? null : pluginOptions.locate(previous);
        List<LintReport> reports = new ArrayList<>();
        PrintStream out = System.out;
        for (String p : plugins) {
            LintReport r = linter.lint(pluginOptions.locate(p), old, captures);
            reports.add(r);
            out.print(json ? new Json().line(asJson(r)) + "\n" : LintText.of(r));
        }
        out.flush();
        if (sarif != null) {
            Files.writeString(sarif, new Json().mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new Sarif().of(reports, Version.current())));
        }
        return reports.stream().allMatch(LintReport::clean) ? Scapula.OK : Scapula.DIFFERENCES;
    }

    private static ObjectNode asJson(LintReport r) {
        ObjectNode n = new Json().mapper().createObjectNode();
        n.put("plugin", r.plugin());
        n.put("name", r.name());
        n.put("version", r.version());
        n.put("errors", r.count(Severity.ERROR));
        n.put("warnings", r.count(Severity.WARNING));
        n.put("notes", r.count(Severity.NOTE));
        ArrayNode list = n.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = list.addObject();
            o.put("severity", f.severity().name());
            o.put("rule", f.rule());
            o.put("message", f.message());
            o.put("fix", f.fix());
            if (!f.reproduce().isEmpty()) {
                o.put("reproduce", f.reproduce());
            }
        }
        r.skipped().forEach(n.putArray("skipped")::add);
        return n;
    }
}

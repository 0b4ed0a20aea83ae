package dev.scapula.cli.lint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.capture.io.NewFiles;
import dev.scapula.checks.fuzz.FuzzBudget;
import dev.scapula.checks.lint.Finding;
import dev.scapula.checks.lint.LintReport;
import dev.scapula.checks.lint.Linter;
import dev.scapula.checks.lint.PluginRegistry;
import dev.scapula.checks.lint.Severity;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.Version;
import dev.scapula.cli.output.Json;
import dev.scapula.plugin.PluginException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Option(names = "--fuzz-time", paramLabel = "SECONDS", description = "How long to fuzz an extractor that "
            + "declares no sources, in isolated workers with a fixed seed (0: skip; default: 5, unless --fuzz-runs "
            + "is given).")
    Double fuzzSeconds;

    @Option(names = "--fuzz-runs", paramLabel = "N", description = "Fuzz that extractor for executions 1 to N "
            + "instead of a time, so the result depends only on the plugin, not on the machine's speed (0: skip).")
    Long fuzzRuns;

    @Option(names = "--json", description = "One JSON object per plugin instead of text.")
    boolean json;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the findings as SARIF 2.1.0 (GitHub code "
            + "scanning); an existing FILE is kept unless --force.")
    Path sarif;

    @Option(names = "--force", description = "Overwrite the --sarif FILE if it exists (never through a symbolic link).")
    boolean force;

    @Mixin
    PluginOptions pluginOptions;

    @Spec
    CommandSpec spec;

    /** The fuzz budget the options give, or null when fuzzing is turned off. */
    private FuzzBudget fuzzBudget() {
        if (fuzzRuns != null && fuzzSeconds != null) {
            throw new ParameterException(spec.commandLine(), "give one fuzz budget: --fuzz-time or --fuzz-runs, not both");
        }
        if ((fuzzRuns != null && fuzzRuns < 0) || (fuzzSeconds != null && fuzzSeconds < 0)) {
            throw new ParameterException(spec.commandLine(), "--fuzz-time and --fuzz-runs must not be negative");
        }
        if (fuzzRuns != null) {
            return fuzzRuns == 0 ? null : FuzzBudget.runs(fuzzRuns);
        }
        if (fuzzSeconds != null) {
            return fuzzSeconds == 0 ? null : FuzzBudget.seconds(fuzzSeconds);
        }
        return Linter.FUZZ_BUDGET;
    }

    @Override
    public Integer call() throws IOException, PluginException {
        if (sarif != null) {
            NewFiles.checkCreatable(sarif, force); // before the work, not after it
        }
        PluginRegistry registry = registryFile == null ? PluginRegistry.bundled() : PluginRegistry.file(registryFile);
        Linter linter = new Linter(registry, Version.current(), fuzzBudget(), Scapula.workers(spec),
                pluginOptions::reusableName);
        Path old = previous == null ? null : pluginOptions.locate(previous);
        List<LintReport> reports = new ArrayList<>();
        PrintWriter out = Scapula.out(spec);
        for (String p : plugins) {
            LintReport r = linter.lint(pluginOptions.locate(p), old, captures);
            reports.add(r);
            out.print(json ? new Json().line(asJson(r)) + "\n" : LintText.of(r));
        }
        out.flush();
        if (sarif != null) {
            NewFiles.write(sarif, new Json().mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Sarif().of(reports, Version.current())), force);
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

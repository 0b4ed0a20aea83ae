package dev.scapula.cli.verify;

import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.isolate.IsolateOptions;
import dev.scapula.cli.isolate.IsolatedRun;
import dev.scapula.cli.output.Json;
import dev.scapula.plugin.PluginException;
import dev.scapula.replayer.verify.Divergence;
import dev.scapula.replayer.verify.FieldCount;
import dev.scapula.replayer.verify.PluginSpec;
import dev.scapula.replayer.verify.Verifier;
import dev.scapula.replayer.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scapula verify}: proves plugins deterministic on a capture, or names the first divergence. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Replay a capture through two fresh instances of the plugins (each from its own copy of "
                + "the .so), event by event, and check that they reach the same state (a digest of every "
                + "state table after every event) and extract the same field values; and that extracting an "
                + "event a second time changes neither the values nor the state. When the capture has the "
                + "values the plugins returned live beside it (FILE.expect.jsonl, from record --expect), the "
                + "replayed values must equal those too (check live-vs-replay).",
            "",
            "The report names the first divergence of each check: event number, timestamp, plugin, field or "
                + "table, both values, and the last parsed event before it; then counts per field. Every field "
                + "is listed with the events that gave it a value; a run that compared nothing is no pass."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:deterministic", "1:a divergence was found, nothing was compared (no field had a value on "
                + "any event and no state table changed), or (--isolate) a plugin crashed, hung or ran out of memory",
            "2:usage or input error (a field no loaded plugin provides), or a plugin error"})
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = {"-r", "--readfile", "--capture"}, required = true, paramLabel = "FILE",
            description = "The capture to verify. Several: the files of one rotated recording, in order; they are "
                    + "verified as one stream, and each later file is also replayed alone by fresh instances "
                    + "(check rotated-file).")
    List<Path> captures;

    @Option(names = {"-H", "--plugin"}, paramLabel = "PLUGIN[:INITCONFIG]",
            description = "A plugin to verify (repeatable); its source plugin, if loaded too, names event sources.")
    List<String> plugins = new ArrayList<>();

    @Option(names = {"-f", "--field"}, paramLabel = "FIELD",
            description = "Only these fields (repeatable). Default: every field that needs no argument.")
    List<String> fields = new ArrayList<>();

    @Option(names = "--ignore-field", paramLabel = "FIELD",
            description = "A field that is meant to differ (repeatable), e.g. a timestamp taken at extraction.")
    List<String> ignored = new ArrayList<>();

    @Option(names = {"-j", "--json"}, description = "The report as one JSON object.")
    boolean json;

    @Mixin
    PluginOptions pluginOptions;

    @Mixin
    IsolateOptions isolation;

    @Override
    public Integer call() {
        try {
            if (isolation.delegate()) {
                // a plugin that crashes or hangs is not deterministic: a finding, like a divergence
                return new IsolatedRun("verify", isolation).run(List.of(), Scapula.DIFFERENCES);
            }
            List<PluginSpec> specs = new ArrayList<>();
            for (PluginOptions.Configured c : pluginOptions.configured()) {
                specs.add(new PluginSpec(c.file(), c.initConfig()));
            }
            if (specs.isEmpty() && plugins.isEmpty()) {
                System.err.println("scapula verify: give plugins with -H or --plugin-config-file");
                return Scapula.USAGE_OR_INPUT;
            }
            for (String spec : plugins) {
                PluginOptions.Spec s = PluginOptions.Spec.parse(spec);
                specs.add(new PluginSpec(pluginOptions.locate(s.plugin()), s.config()));
            }
            VerifyReport report = new Verifier(specs, fields, new HashSet<>(ignored)).verify(captures);
            if (json) {
                System.out.println(new Json().line(report));
            } else {
                System.out.print(text(report));
            }
            return report.deterministic() ? Scapula.OK : Scapula.DIFFERENCES;
        } catch (PluginException | IOException e) {
            System.err.println("scapula verify: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
    }

    private String text(VerifyReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("verify %s: %,d plugin events, checks: %s%n",
                String.join(" ", captures.stream().map(Path::toString).toList()), r.events(),
                String.join(", ", r.checks())));
        r.warnings().forEach(w -> b.append("WARNING ").append(w).append('\n'));
        r.notes().forEach(n -> b.append("NOTE ").append(n).append('\n'));
        if (!r.fieldValues().isEmpty()) {
            b.append("events with a value, per plugin and field:\n");
            // one column for the counts, however long the plugin's field names (k8saudit's reach 60)
            int width = r.fieldValues().stream().mapToInt(c -> c.plugin().length() + 1 + c.field().length())
                    .max().orElse(0);
            String line = "  %-" + Math.max(50, width) + "s %,d of %,d%n";
            for (FieldCount c : r.fieldValues()) {
                b.append(String.format(line, c.plugin() + " " + c.field(), c.withValue(), c.events()));
            }
        }
        if (r.nothingCompared() != null) {
            b.append("ERROR nothing compared: ").append(r.nothingCompared()).append('\n');
        }
        if (r.deterministic()) {
            return b.append("OK: deterministic (field values and state tables identical)\n").toString();
        }
        if (r.firstDivergences().isEmpty()) {
            return b.toString();
        }
        for (Divergence d : r.firstDivergences()) {
            b.append("ERROR ").append(d.describe()).append('\n');
        }
        if (r.lastEventBeforeFirstDivergence() != null) {
            b.append("  last parsed event before the first divergence: ").append(r.lastEventBeforeFirstDivergence())
                    .append('\n');
        }
        b.append("events diverging, per check, plugin and field or table:\n");
        r.divergencesByField().forEach((k, v) -> b.append(String.format("  %-50s %,d%n", k, v)));
        return b.toString();
    }
}

package dev.scapula.cli.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.cli.CaptureOrder;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.ManifestPlugins;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.corpus.CorpusOptions;
import dev.scapula.cli.corpus.CorpusRun;
import dev.scapula.cli.corpus.CorpusVerify;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.isolate.IsolateOptions;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.Plugin;
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
                + "replayed values must equal those too (check live-vs-replay). The sidecar must belong to the "
                + "capture (its file name and the sha256 of its first 64 KiB) and be well-formed; a damaged or "
                + "foreign sidecar, or one that compares no event, is an input error (exit 2).",
            "",
            "The report names the first divergence of each check: event number, timestamp, plugin, field or "
                + "table, both values, and the last parsed event before it; then counts per field. Every field "
                + "is listed with the events that gave it a value; a run that compared nothing is no pass."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:deterministic", "1:a divergence was found, nothing was compared (no field had a value on "
                + "any event and no state table changed), or (--isolate) a plugin crashed, hung or ran out of memory",
            "2:usage or input error (a field no loaded plugin provides; a live values sidecar that is damaged, "
                + "belongs to another capture or compares nothing), or a plugin error"})
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = {"-r", "--readfile", "--capture"}, paramLabel = "FILE", arity = "1..*",
            description = "The capture to verify. Several (after one -r, as -r rot/r.scap* expands, or -r repeated): "
                    + "the files of one rotated recording, in order; they are "
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

    @Option(names = "--plugins-from-manifest", description = "Also verify the plugins the first capture's manifest "
            + "names, by name only (--plugin-dir, SCAPULA_PLUGIN_DIR, bundled samples; never a path), with the init "
            + "configs it stored; a plugin given with -H for the same name wins. A file whose sha256 differs from "
            + "the recorded one is refused unless --allow-plugin-mismatch.")
    boolean pluginsFromManifest;

    @Option(names = "--allow-plugin-mismatch", description = "With --plugins-from-manifest, verify a plugin whose "
            + "sha256 differs from the one the manifest recorded (the report names both).")
    boolean allowMismatch;

    @Mixin
    PluginOptions pluginOptions;

    @Mixin
    IsolateOptions isolation;

    @Mixin
    CorpusOptions corpus;

    @Override
    public Integer call() {
        try {
            if ((captures == null) == !corpus.given()) {
                System.err.println("scapula verify: give a capture with -r or a corpus with --corpus/--corpus-list "
                        + "(not both)");
                return Scapula.USAGE_OR_INPUT;
            }
            if (corpus.given() && (pluginsFromManifest || isolation.delegate())) {
                System.err.println("scapula verify: --corpus takes plugins with -H (not --plugins-from-manifest or "
                        + "--isolate yet)");
                return Scapula.USAGE_OR_INPUT;
            }
            if (isolation.delegate()) {
                // a plugin that crashes or hangs is not deterministic: a finding, like a divergence
                return isolation.run("verify", List.of(), Scapula.DIFFERENCES);
            }
            if (pluginsFromManifest) {
                ManifestPlugins.read(captures.get(0));
            }
            List<PluginOptions.Chosen> chosen = new ArrayList<>(pluginOptions.choose(plugins.stream()
                    .map(PluginOptions.Spec::parse).toList()));
            List<String> origins = new ArrayList<>();
            chosen.forEach(c -> origins.add(c.describe()));
            if (pluginsFromManifest) {
                for (ManifestPlugins.Found f : manifestPlugins(chosen)) {
                    chosen.add(f.chosen());
                    origins.add(f.describe());
                }
            }
            if (chosen.isEmpty()) {
                System.err.println("scapula verify: give plugins with -H, --plugin-config-file or "
                        + "--plugins-from-manifest");
                return Scapula.USAGE_OR_INPUT;
            }
            if (corpus.given()) {
                List<PluginSpec> corpusSpecs = chosen.stream().map(c -> new PluginSpec(c.file(), c.initConfig()))
                        .toList();
                return new CorpusRun("verify", corpus, json).run(new CorpusVerify(corpusSpecs, fields, ignored));
            }
            CaptureOrder.warnIfOutOfOrder(captures, w -> System.err.println("scapula verify: " + Terminal.safe(w)));
            List<PluginSpec> specs = chosen.stream().map(c -> new PluginSpec(c.file(), c.initConfig())).toList();
            VerifyReport report = new Verifier(specs, fields, new HashSet<>(ignored)).verify(captures);
            if (json) {
                ObjectNode n = (ObjectNode) new Json().mapper().valueToTree(report);
                n.putPOJO("plugins", origins);
                System.out.println(new Json().line(n));
            } else {
                System.out.print(text(report, origins));
            }
            return report.deterministic() ? Scapula.OK : Scapula.DIFFERENCES;
        } catch (PluginException | IOException e) {
            System.err.println("scapula verify: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
    }

    /** The manifest's plugins no -H plugin stands for (same name), found by name and checked, none loaded yet. */
    private List<ManifestPlugins.Found> manifestPlugins(List<PluginOptions.Chosen> given)
            throws IOException, PluginException {
        List<Plugin> loaded = new ArrayList<>();
        try {
            for (PluginOptions.Chosen c : given) {
                loaded.add(Plugin.load(c.file()));
            }
            return new ManifestPlugins(pluginOptions, allowMismatch).find(captures.get(0), loaded);
        } finally {
            loaded.forEach(Plugin::close);
        }
    }

    private String text(VerifyReport r, List<String> origins) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("verify %s: %,d plugin events, checks: %s%n",
                String.join(" ", captures.stream().map(Path::toString).toList()), r.events(),
                String.join(", ", r.checks())));
        origins.forEach(o -> b.append("plugin ").append(Terminal.safe(o)).append('\n'));
        if (r.liveEventsCompared() != null) {
            b.append(String.format("%s: %,d events compared%n", Verifier.LIVE_VS_REPLAY, r.liveEventsCompared()));
        }
        r.warnings().forEach(w -> b.append("WARNING ").append(Terminal.safe(w)).append('\n'));
        r.notes().forEach(n -> b.append("NOTE ").append(Terminal.safe(n)).append('\n'));
        if (!r.fieldValues().isEmpty()) {
            b.append("events with a value, per plugin and field:\n");
            // one column for the counts, however long the plugin's field names (k8saudit's reach 60)
            int width = r.fieldValues().stream().mapToInt(c -> c.plugin().length() + 1 + c.field().length())
                    .max().orElse(0);
            String line = "  %-" + Math.max(50, width) + "s %,d of %,d%n";
            for (FieldCount c : r.fieldValues()) {
                b.append(String.format(line, Terminal.safe(c.plugin() + " " + c.field()), c.withValue(), c.events()));
            }
        }
        if (r.nothingCompared() != null) {
            b.append("ERROR nothing compared: ").append(Terminal.safe(r.nothingCompared())).append('\n');
        }
        if (r.deterministic()) {
            return b.append("OK: deterministic (field values and state tables identical)\n").toString();
        }
        if (r.firstDivergences().isEmpty()) {
            return b.toString();
        }
        for (Divergence d : r.firstDivergences()) {
            b.append("ERROR ").append(Terminal.safe(d.describe())).append('\n');
        }
        if (r.lastEventBeforeFirstDivergence() != null) {
            b.append("  last parsed event before the first divergence: ").append(r.lastEventBeforeFirstDivergence())
                    .append('\n');
        }
        b.append("events diverging, per check, plugin and field or table:\n");
        r.divergencesByField().forEach((k, v) -> b.append(String.format("  %-50s %,d%n", Terminal.safe(k), v)));
        return b.toString();
    }
}

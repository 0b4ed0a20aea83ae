package dev.scapula.cli.diff;

import static dev.scapula.cli.output.Terminal.safe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.capture.io.NewFiles;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.ManifestPlugins;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.corpus.CorpusDiff;
import dev.scapula.cli.corpus.CorpusOptions;
import dev.scapula.cli.corpus.CorpusRun;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.isolate.IsolateOptions;
import dev.scapula.cli.output.Json;
import dev.scapula.plugin.PluginException;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.FieldChange;
import dev.scapula.replayer.diff.VersionDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scapula diff}: what changed between two versions of a plugin, and which semver bump that needs. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Replay the same captures through two versions of a plugin side by side (each loaded from "
                + "its own file) and report schema changes (fields added, removed, changed; id, source, API "
                + "version), then per field the events whose value changed, with examples.",
            "",
            "The semver verdict follows the rules plugin authors use: patch always; minor when fields were "
                + "added; major when a field was removed or changed type, list-ness or argument, or when its "
                + "values changed on the same input (a changed meaning). It fails when the new version number "
                + "understates the change."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the version bump covers the change", "1:the version bump understates the change, no value "
                + "was compared (no common field had a value on any event), or (--isolate) a plugin crashed, hung or "
                + "ran out of memory",
            "2:usage or input error (an --allow-value-change field neither version declares), or a plugin error"})
public final class DiffCommand implements Callable<Integer> {
    @Option(names = "--old", paramLabel = "PLUGIN", description = "The released version (or, with "
            + "--plugins-from-manifest, the build the first capture was recorded with).")
    String oldPlugin;

    @Option(names = "--plugins-from-manifest", description = "Without --old: the old version is the plugin of the "
            + "new one's name that the first capture's manifest names, found by name only (--plugin-dir, "
            + "SCAPULA_PLUGIN_DIR, bundled samples; never a path) and refused when its sha256 is not the recorded "
            + "one, unless --allow-plugin-mismatch.")
    boolean pluginsFromManifest;

    @Option(names = "--allow-plugin-mismatch", description = "With --plugins-from-manifest, use a file whose sha256 "
            + "differs from the recorded one (both are printed).")
    boolean allowMismatch;

    @Option(names = "--new", required = true, paramLabel = "PLUGIN", description = "The candidate version.")
    String newPlugin;

    @Parameters(paramLabel = "CAPTURE", arity = "0..*", description = "Captures to replay through both.")
    List<Path> captures;

    @Option(names = "--allow-value-change", paramLabel = "FIELD",
            description = "A field whose values changed on purpose (a bug fix): no major bump for it (repeatable).")
    List<String> allowed = new ArrayList<>();

    @Option(names = "--init-config", paramLabel = "CONFIG", defaultValue = "",
            description = "Init config for both versions.")
    String initConfig;

    @Option(names = {"-j", "--json"}, description = "The report as one JSON object.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the report as a self-contained HTML page with a chart of changed events per field "
                    + "(an existing FILE is kept unless --force).")
    Path html;

    @Option(names = "--force", description = "Overwrite the --html FILE if it exists (never through a symbolic link).")
    boolean force;

    @Mixin
    PluginOptions pluginOptions;

    @Mixin
    IsolateOptions isolation;

    @Mixin
    CorpusOptions corpus;

    @Override
    public Integer call() {
        try {
            if ((captures == null || captures.isEmpty()) == !corpus.given()) {
                System.err.println("scapula diff: give captures, or a corpus with --corpus/--corpus-list (not both)");
                return Scapula.USAGE_OR_INPUT;
            }
            if (corpus.given() && (pluginsFromManifest || isolation.delegate() || html != null)) {
                System.err.println("scapula diff: --corpus takes the old version with --old (not "
                        + "--plugins-from-manifest, --isolate or --html yet)");
                return Scapula.USAGE_OR_INPUT;
            }
            if (html != null) {
                NewFiles.checkCreatable(html, force); // before the work, not after it
            }
            if (isolation.delegate()) {
                // a release that crashes or hangs on the same input cannot be shipped: a finding
                return isolation.run("diff", List.of(), Scapula.DIFFERENCES);
            }
            if ((oldPlugin == null) != pluginsFromManifest) {
                System.err.println("scapula diff: give the old version with --old, or --plugins-from-manifest");
                return Scapula.USAGE_OR_INPUT;
            }
            if (pluginsFromManifest) {
                ManifestPlugins.read(captures.get(0));
            }
            PluginOptions.Chosen newer = pluginOptions.refer(newPlugin, List.of());
            PluginOptions.Chosen older;
            String describeFound = null;
            if (pluginsFromManifest) {
                ManifestPlugins.Found f = new ManifestPlugins(pluginOptions, allowMismatch).named(captures.get(0),
                        newer.name());
                describeFound = f.describe();
                older = f.chosen();
            } else {
                older = pluginOptions.refer(oldPlugin, List.of());
            }
            VersionDiff versions = new VersionDiff(older.file(), newer.file(), initConfig, new HashSet<>(allowed));
            if (corpus.given()) {
                return new CorpusRun("diff", corpus, json).run(new CorpusDiff(versions));
            }
            DiffReport r = versions.diff(captures);
            List<String> origins = List.of("old " + (pluginsFromManifest ? describeFound : older.describe()),
                    "new " + newer.describe());
            if (json) {
                ObjectNode n = (ObjectNode) new Json().mapper().valueToTree(r);
                n.putPOJO("plugins", origins);
                System.out.print(new Json().line(n) + "\n");
            } else {
                System.out.print(text(r, origins));
            }
            if (html != null) {
                NewFiles.write(html, new DiffHtml().of(r).getBytes(StandardCharsets.UTF_8), force);
            }
            return r.understated() || r.nothingCompared() != null ? Scapula.DIFFERENCES : Scapula.OK;
        } catch (PluginException | IOException e) {
            System.err.println("scapula diff: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
    }

    private static String text(DiffReport r, List<String> origins) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("diff %s %s -> %s: %,d plugin events%n", safe(r.plugin()), safe(r.oldVersion()),
                safe(r.newVersion()), r.events()));
        origins.forEach(o -> b.append("  ").append(safe(o)).append('\n'));
        r.identityChanges().forEach(c -> b.append("  identity: ").append(safe(c)).append('\n'));
        if (r.schemaChanges().isEmpty()) {
            b.append("Schema: unchanged\n");
        } else {
            b.append("Schema:\n");
            for (FieldChange c : r.schemaChanges()) {
                String mark = c.kind().equals("added") ? "+" : c.kind().equals("removed") ? "-" : "~";
                b.append("  ").append(mark).append(' ').append(safe(c.field())).append(" (").append(c.kind())
                        .append(": ").append(safe(c.detail())).append(")\n");
            }
        }
        if (r.valueChanges().isEmpty()) {
            b.append("Values: unchanged on every common field\n");
        } else {
            b.append("Values:\n");
            for (FieldChange c : r.valueChanges()) {
                b.append(String.format("  %s: %,d events changed (%s)", safe(c.field()), c.eventsChanged(),
                        safe(c.detail())));
                c.examples().forEach(e -> b.append(String.format("%n    event %d: %s -> %s", e.eventNumber(),
                        safe(e.oldValue()), safe(e.newValue()))));
                b.append('\n');
            }
        }
        if (!r.fieldValues().isEmpty()) {
            b.append("Events with a value, per common field (old, new):\n");
            r.fieldValues().forEach(c -> b.append(String.format("  %-40s %,d  %,d%n", safe(c.field()), c.oldVersion(),
                    c.newVersion())));
        }
        if (r.nothingCompared() != null) {
            b.append("ERROR nothing compared: ").append(safe(r.nothingCompared())).append('\n');
        }
        b.append(String.format("Verdict: the change needs a %s bump; %s -> %s is a %s bump: %s%n",
                r.required().label(), safe(r.oldVersion()), safe(r.newVersion()), r.made().label(),
                r.understated() ? "UNDERSTATED (ERROR)" : "OK"));
        r.reasons().forEach(reason -> b.append("  ").append(safe(reason)).append('\n'));
        return b.toString();
    }
}

package dev.scapula.cli;

import dev.scapula.cli.corpus.CorpusRun;
import dev.scapula.cli.output.Terminal;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.config.PluginChooser;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command that loads plugins shares: where to look for them by name; the choosing is {@link PluginChooser}'s. */
public final class PluginOptions {
    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "Look for plugins given by name here (repeatable), before SCAPULA_PLUGIN_DIR.")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--plugin-config-file", paramLabel = "FALCO_YAML",
            description = "Load the plugins a falco.yaml configures (its plugins and load_plugins sections, init_config "
                    + "as a string or a map), before any given with -H. A relative library_path is looked up in Falco's "
                    + "plugin folder /usr/share/falco/plugins, then by the plugin's name; each file is named on stderr.")
    Path configFile;

    @Option(names = "--plugins-beside-config",
            description = "Look for a relative library_path of --plugin-config-file beside the config file first: a "
                    + "config from elsewhere may come with .so files of its own, so this is off unless asked for.")
    boolean besideConfig;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The one chooser of this command's run: it names a config's plugins once, and remembers the samples it gave. */
    private PluginChooser chooser;

    /** The chooser these options configure, made on first use. */
    public PluginChooser chooser() {
        if (chooser == null) {
            chooser = new PluginChooser(pluginDirs, System.getenv("SCAPULA_PLUGIN_DIR"), configFile, besideConfig,
                    name -> SamplePlugins.has(name) ? BundledSamples.path(name) : null,
                    line -> {
                        // a corpus run's worker re-reads the command line its parent chose these plugins
                        // with, and the parent has said this once already
                        if (!CorpusRun.inCaptureWorker()) {
                            Scapula.err(spec).println(Terminal.safe(line));
                        }
                    });
        }
        return chooser;
    }

    /** See {@link PluginChooser#configured()}. */
    public List<PluginChooser.Configured> configured() throws IOException, PluginException {
        return chooser().configured();
    }

    /** See {@link PluginChooser#choose(List)}. */
    public List<PluginChooser.Chosen> choose(List<PluginChooser.Spec> specs) throws IOException, PluginException {
        return chooser().choose(specs);
    }

    /** See {@link PluginChooser#refer(String, List)}. */
    public PluginChooser.Chosen refer(String nameOrPath, List<PluginChooser.Chosen> chosen)
            throws IOException, PluginException {
        return chooser().refer(nameOrPath, chosen);
    }

    /** See {@link PluginChooser#locate(String)}. */
    public Path locate(String nameOrPath) throws PluginException {
        return chooser().locate(nameOrPath);
    }

    /** See {@link PluginChooser#hasSearchPath()}. */
    public boolean hasSearchPath() {
        return chooser().hasSearchPath();
    }

    /** See {@link PluginChooser#reusableName(Path)}. */
    public String reusableName(Path located) {
        return chooser().reusableName(located);
    }
}

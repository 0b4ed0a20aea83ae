package dev.scapula.cli;

import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.load.PluginLocator;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that loads plugins shares: where to look for them by name. */
public final class PluginOptions {
    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "Look for plugins given by name here (repeatable), before SCAPULA_PLUGIN_DIR.")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--plugin-config-file", paramLabel = "FALCO_YAML",
            description = "Load the plugins a falco.yaml configures (its plugins and load_plugins sections, init_config "
                    + "as a string or a map), before any given with -H.")
    Path configFile;

    /** The files {@link #locate} handed out for bundled samples, by the name they were asked for. */
    private final Map<Path, String> bundledSamples = new HashMap<>();

    /** A plugin a falco.yaml loads, with its file found. */
    public record Configured(String name, Path file, String initConfig, String openParams) {
    }

    /** The plugins of {@code --plugin-config-file}, in Falco's load order; empty without it. */
    public List<Configured> configured() throws java.io.IOException, PluginException {
        List<Configured> out = new ArrayList<>();
        if (configFile == null) {
            return out;
        }
        for (FalcoConfig.PluginEntry e : FalcoConfig.plugins(configFile)) {
            out.add(new Configured(e.name(), FalcoConfig.locate(e, configFile, this), e.initConfig(), e.openParams()));
        }
        return out;
    }

    /** A {@code PLUGIN[:CONFIG]} argument, as sysdig's -H and -I take it: split at the first colon. */
    public record Spec(String plugin, String config) {
        public static Spec parse(String text) {
            int colon = text.indexOf(':');
            return colon < 0 ? new Spec(text, "") : new Spec(text.substring(0, colon), text.substring(colon + 1));
        }
    }

    /** Resolves a plugin name or path to a file. */
    public Path locate(String nameOrPath) throws PluginException {
        PluginLocator locator = new PluginLocator(
                PluginLocator.searchPath(pluginDirs, System.getenv("SCAPULA_PLUGIN_DIR")), this::bundledSample);
        return locator.locate(nameOrPath);
    }

    private Path bundledSample(String name) {
        if (!SamplePlugins.has(name)) {
            return null;
        }
        Path file = SamplePlugins.path(name);
        bundledSamples.put(file, name);
        return file;
    }

    /**
     * How a later scapula command line names a file {@link #locate} gave: a bundled sample by its
     * name (run from the jar, its file is a temporary copy that is gone when this run ends), any
     * other plugin by its path.
     */
    public String reusableName(Path located) {
        return bundledSamples.getOrDefault(located, located.toString());
    }
}

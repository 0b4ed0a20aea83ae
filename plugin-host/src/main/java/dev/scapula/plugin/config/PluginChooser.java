package dev.scapula.plugin.config;

import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.load.PluginLibrary;
import dev.scapula.plugin.load.PluginLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Which plugin files a run loads, named as sysdig and Falco name them: a falco.yaml's plugins,
 * -H style paths and names, the search path ({@code --plugin-dir}, SCAPULA_PLUGIN_DIR) and the
 * bundled samples.
 */
public final class PluginChooser {
    private final List<Path> pluginDirs;
    private final String environment;
    private final Path configFile;
    private final boolean besideConfig;
    /** The bundled sample's file for a name, or null when there is no such sample. */
    private final Function<String, Path> samples;
    /** Where the lines that name a config's plugins and a relative search path entry go (unescaped). */
    private final Consumer<String> notes;

    /**
     * A chooser over these folders (given before {@code environment}, the SCAPULA_PLUGIN_DIR
     * value, may be null), the falco.yaml (null for none) and where to tell the user things.
     */
    public PluginChooser(List<Path> pluginDirs, String environment, Path configFile, boolean besideConfig,
            Function<String, Path> samples, Consumer<String> notes) {
        this.pluginDirs = List.copyOf(pluginDirs);
        this.environment = environment;
        this.configFile = configFile;
        this.besideConfig = besideConfig;
        this.samples = samples;
        this.notes = notes;
    }

    /** The files {@link #locate} handed out for bundled samples, by the name they were asked for. */
    private final Map<Path, String> bundledSamples = new HashMap<>();
    /** The config's plugins, read once: each is named on stderr when it is found. */
    private List<Configured> configured;
    /** The search path, made absolute once: a relative entry would follow the current folder. */
    private List<Path> searchPath;

    /** A plugin a falco.yaml loads, with its file found. */
    public record Configured(String name, Path file, String initConfig, String openParams) {
    }

    /** The plugins of the falco.yaml, in Falco's load order; empty without one. */
    public List<Configured> configured() throws IOException, PluginException {
        if (configured != null) {
            return configured;
        }
        List<Configured> out = new ArrayList<>();
        if (configFile != null) {
            for (FalcoConfig.PluginEntry e : FalcoConfig.plugins(configFile)) {
                FalcoConfig.Located found = FalcoConfig.locate(e, configFile, besideConfig, this::locateByName);
                String sample = bundledSamples.get(found.file());
                // a bundled sample's file is a temporary copy: it is named as the sample
                notes.accept("scapula: " + configFile + ": plugin " + e.name() + " loads "
                        + (sample != null ? "the bundled sample " + sample : found.file()) + " (" + found.how() + ")");
                out.add(new Configured(e.name(), found.file(), e.initConfig(), e.openParams()));
            }
        }
        configured = List.copyOf(out);
        return configured;
    }

    /** A {@code PLUGIN[:CONFIG]} argument, as sysdig's -H and -I take it: split at the first colon. */
    public record Spec(String plugin, String config) {
        public static Spec parse(String text) {
            int colon = text.indexOf(':');
            return colon < 0 ? new Spec(text, "") : new Spec(text.substring(0, colon), text.substring(colon + 1));
        }
    }

    /**
     * A plugin a command runs: its own name and version (what {@code get_name} and {@code
     * get_version} return), its file, where that file came from, and its init config and open params.
     */
    public record Chosen(String name, String version, Path file, String origin, String initConfig,
            String openParams) {
        /**
         * {@code name version from FILE (origin)}, as reports name a plugin's file; a bundled
         * sample's file is a temporary copy, so it is named as the bundled sample instead.
         */
        public String describe() {
            return name + " " + version + (bundled() ? " (" + origin + ")" : " from " + file + " (" + origin + ")");
        }

        /** Whether the file is one of the bundled samples. */
        public boolean bundled() {
            return origin.contains(BUNDLED);
        }

        public Chosen withInitConfig(String config) {
            return new Chosen(name, version, file, origin, config, openParams);
        }
    }

    /** Where a file came from, as reports say it. */
    public static final String GIVEN_PATH = "given path";
    public static final String FALCO_CONFIG = "--plugin-config-file";
    public static final String SEARCH_PATH = "search path";
    public static final String BUNDLED = "bundled sample";

    /**
     * The plugins of {@code --plugin-config-file} and of -H style arguments, the way sysdig and
     * Falco name plugins: a path loads that file; a name refers first to a plugin already given
     * (by path or in the config file) whose {@code get_name} it is, then to {@code libNAME.so} or
     * {@code NAME.so} in the search path, then to a bundled sample. A name that refers to a plugin
     * already given adds its init config to it. Two files with one plugin name are an error that
     * names both, as libsinsp refuses to load a second plugin of a name.
     */
    public List<Chosen> choose(List<Spec> specs) throws IOException, PluginException {
        // paths are identified before names are looked up, but the plugins keep the order given:
        // a table's owner must be initialised before its readers
        List<Chosen> known = new ArrayList<>();
        for (Configured c : configured()) {
            add(known, identify(c.file(), FALCO_CONFIG, c.initConfig(), c.openParams()), "in " + configFile);
        }
        int configuredCount = known.size();
        int[] slot = new int[specs.size()];
        Arrays.fill(slot, -1);
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            if (PluginLocator.isPath(s.plugin())) {
                add(known, identify(Path.of(s.plugin()), GIVEN_PATH, s.config(), ""), "-H " + s.plugin());
                slot[i] = known.size() - 1;
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            if (slot[i] >= 0) {
                continue;
            }
            Optional<Chosen> given = known.stream().filter(c -> c.name().equals(s.plugin())).findFirst();
            if (given.isPresent()) {
                Chosen g = given.get();
                if (!s.config().isEmpty() && !g.initConfig().isEmpty() && !s.config().equals(g.initConfig())) {
                    throw new PluginException("plugin " + g.name() + " is given twice with different init configs: "
                            + g.describe() + " with '" + g.initConfig() + "', and -H " + s.plugin() + " with '"
                            + s.config() + "'");
                }
                if (!s.config().isEmpty()) {
                    known.set(known.indexOf(g), g.withInitConfig(s.config()));
                }
                continue;
            }
            add(known, identify(s.plugin()).withInitConfig(s.config()), "-H " + s.plugin());
            slot[i] = known.size() - 1;
        }
        List<Chosen> out = new ArrayList<>(known.subList(0, configuredCount));
        for (int k : slot) {
            if (k >= 0) {
                out.add(known.get(k));
            }
        }
        return out;
    }

    /**
     * The plugin an argument names among {@code chosen} (by path: the same file; by name: its
     * {@code get_name}), or else the plugin the search path or the bundled samples give for it,
     * refused when another file of {@code chosen} has its name.
     */
    public Chosen refer(String nameOrPath, List<Chosen> chosen) throws IOException, PluginException {
        Chosen found;
        if (PluginLocator.isPath(nameOrPath)) {
            found = identify(Path.of(nameOrPath), GIVEN_PATH, "", "");
        } else {
            Optional<Chosen> given = chosen.stream().filter(c -> c.name().equals(nameOrPath)).findFirst();
            if (given.isPresent()) {
                return given.get();
            }
            found = identify(nameOrPath);
        }
        for (Chosen c : chosen) {
            if (sameFile(c.file(), found.file())) {
                return c;
            }
        }
        conflict(chosen, found, nameOrPath);
        return found;
    }

    /** A plugin by name through the search path and the bundled samples, never through a plugin given by path. */
    private Chosen identify(String name) throws PluginException {
        Path file = locate(name);
        return identify(file, origin(file, ""), "", "");
    }

    /** Reads the plugin's own name and version from its file. */
    private static Chosen identify(Path file, String origin, String initConfig, String openParams)
            throws PluginException {
        try (PluginLibrary lib = PluginLibrary.open(file)) {
            String name = lib.string("plugin_get_name");
            String version = lib.string("plugin_get_version");
            if (name == null) {
                throw new PluginException(file + ": plugin_get_name returned NULL");
            }
            return new Chosen(name, version, file, origin, initConfig, openParams);
        }
    }

    private static void add(List<Chosen> out, Chosen next, String asked) throws PluginException {
        for (Chosen c : out) {
            if (sameFile(c.file(), next.file())) {
                throw new PluginException("plugin " + c.name() + " is given twice: " + c.describe() + ", and " + asked);
            }
        }
        conflict(out, next, asked);
        out.add(next);
    }

    private static void conflict(List<Chosen> out, Chosen next, String asked) throws PluginException {
        for (Chosen c : out) {
            if (c.name().equals(next.name())) {
                throw new PluginException("two plugins named " + c.name() + ": " + c.describe() + ", and "
                        + next.describe() + " for " + asked + " (a name refers to one plugin; give one of them)");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** Resolves a plugin name or path to a file. */
    public Path locate(String nameOrPath) throws PluginException {
        return locator().locate(nameOrPath);
    }

    /** A plugin by a plain name only (never a path): the search path, then the bundled samples. */
    public Path locateByName(String name) throws PluginException {
        return locator().locateName(name);
    }

    /** A plugin name read from a capture: only ever a name, looked up in the search path and the bundled samples. */
    public Chosen locateName(String name, String origin) throws PluginException {
        Path file = locator().locateName(name);
        return identify(file, origin(file, origin + ", "), "", "");
    }

    private String origin(Path file, String prefix) {
        String sample = bundledSamples.get(file);
        return prefix + (sample != null ? BUNDLED + " " + sample : SEARCH_PATH);
    }

    /** Whether --plugin-dir or SCAPULA_PLUGIN_DIR was given: then a bundled sample may stand in for a user's plugin. */
    public boolean hasSearchPath() {
        return !searchPath().isEmpty();
    }

    private PluginLocator locator() {
        return new PluginLocator(searchPath(), this::bundledSample);
    }

    private List<Path> searchPath() {
        if (searchPath == null) {
            for (String relative : PluginLocator.relativeEntries(environment)) {
                notes.accept("scapula: SCAPULA_PLUGIN_DIR entry " + relative + " is relative: looking in "
                        + Path.of(relative).toAbsolutePath().normalize() + " (give absolute folders)");
            }
            searchPath = PluginLocator.searchPath(pluginDirs, environment);
        }
        return searchPath;
    }

    private Path bundledSample(String name) {
        Path file = samples.apply(name);
        if (file != null) {
            bundledSamples.put(file, name);
        }
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

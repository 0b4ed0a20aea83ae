package dev.scapula.plugin.load;

import dev.scapula.capture.manifest.PluginName;
import dev.scapula.plugin.PluginException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns what a user typed ({@code counter}, {@code ./libfoo.so}) into a plugin file, as sysdig
 * does: a path is used as is; a name is looked up as {@code libNAME.so} or {@code NAME.so} in the
 * plugin directories ({@code --plugin-dir}, then {@code SCAPULA_PLUGIN_DIR}, ';' or ':' separated),
 * then among the bundled sample plugins. A name read from a capture goes through {@link #locateName},
 * which never takes it as a path.
 */
public final class PluginLocator {
    private final List<Path> dirs;
    private final Function<String, Path> bundled;

    /**
     * @param dirs    directories to search, in order
     * @param bundled a name to a bundled plugin file, or null when there is none by that name
     */
    public PluginLocator(List<Path> dirs, Function<String, Path> bundled) {
        this.dirs = List.copyOf(dirs);
        this.bundled = bundled;
    }

    /**
     * The directories from {@code --plugin-dir} values and the {@code SCAPULA_PLUGIN_DIR} variable,
     * made absolute against the current folder now, so that one run looks in one set of folders.
     */
    public static List<Path> searchPath(List<Path> pluginDirs, String environmentValue) {
        List<Path> out = new ArrayList<>();
        for (Path d : pluginDirs) {
            out.add(d.toAbsolutePath().normalize());
        }
        for (String d : entries(environmentValue)) {
            out.add(Path.of(d).toAbsolutePath().normalize());
        }
        return out;
    }

    /** The entries of a {@code SCAPULA_PLUGIN_DIR} value that are relative (they follow the current folder). */
    public static List<String> relativeEntries(String environmentValue) {
        return entries(environmentValue).stream().filter(d -> !Path.of(d).isAbsolute()).toList();
    }

    private static List<String> entries(String environmentValue) {
        List<String> out = new ArrayList<>();
        if (environmentValue != null) {
            for (String d : environmentValue.split("[;:]")) {
                if (!d.isBlank()) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Whether a user's argument names a file rather than a plugin: sysdig's rule (a '/' or a {@code .so} ending). */
    public static boolean isPath(String nameOrPath) {
        return nameOrPath.contains("/") || nameOrPath.endsWith(".so");
    }

    public Path locate(String nameOrPath) throws PluginException {
        if (isPath(nameOrPath)) {
            return Path.of(nameOrPath);
        }
        return search(nameOrPath);
    }

    /**
     * A plugin by its name only, as a capture's manifest gives it: looked up as {@code libNAME.so}
     * or {@code NAME.so} in the directories and among the bundled samples, never as a path; a name
     * that is not a plain name ({@link PluginName}) is refused before any file is touched.
     */
    public Path locateName(String name) throws PluginException {
        String problem = PluginName.problem(name);
        if (problem != null) {
            throw new PluginException("refused " + problem + " (a plugin name is never a path)");
        }
        return search(name);
    }

    private Path search(String nameOrPath) throws PluginException {
        List<Path> tried = new ArrayList<>();
        for (Path dir : dirs) {
            for (String file : List.of("lib" + nameOrPath + ".so", nameOrPath + ".so")) {
                Path p = dir.resolve(file);
                tried.add(p);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        Path sample = bundled.apply(nameOrPath);
        if (sample != null) {
            return sample;
        }
        throw new PluginException("no plugin named " + nameOrPath + " (tried " + tried
                + " and the bundled samples; give a path, --plugin-dir or SCAPULA_PLUGIN_DIR)");
    }
}

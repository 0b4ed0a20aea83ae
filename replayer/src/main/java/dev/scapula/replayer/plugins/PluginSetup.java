package dev.scapula.replayer.plugins;

import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.config.PluginChooser;
import dev.scapula.plugin.table.TableRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The plugins of a replay, verify or diff run: those given (-H, a falco.yaml) and, with
 * {@code --plugins-from-manifest}, those the first capture's manifest names that no given plugin
 * stands for.
 */
public final class PluginSetup {
    private final PluginChooser chooser;
    private final boolean fromManifest;
    private final boolean allowMismatch;

    /** A set-up choosing with {@code chooser}; {@code fromManifest} adds the manifest's plugins. */
    public PluginSetup(PluginChooser chooser, boolean fromManifest, boolean allowMismatch) {
        this.chooser = chooser;
        this.fromManifest = fromManifest;
        this.allowMismatch = allowMismatch;
    }

    /** A plugin chosen, and how reports name it (with the manifest's hash check for a manifest plugin). */
    public record Named(PluginChooser.Chosen chosen, String describe) {
    }

    /**
     * Checks the capture's manifest when plugins come from it: called before any plugin is
     * loaded, so a hostile manifest stops the run before any plugin code runs.
     */
    public void checkManifest(Path capture) throws IOException, PluginException {
        if (fromManifest) {
            ManifestPlugins.read(capture);
        }
    }

    /** The given plugins, then the manifest's that none of them stands for (same name or id); none left loaded. */
    public List<Named> choose(List<PluginChooser.Spec> specs, Path capture) throws IOException, PluginException {
        List<Named> out = new ArrayList<>();
        List<PluginChooser.Chosen> given = chooser.choose(specs);
        given.forEach(c -> out.add(new Named(c, c.describe())));
        if (fromManifest) {
            List<Plugin> loaded = new ArrayList<>();
            try {
                for (PluginChooser.Chosen c : given) {
                    loaded.add(Plugin.load(c.file()));
                }
                for (ManifestPlugins.Found f : manifest().find(capture, loaded)) {
                    out.add(new Named(f.chosen(), f.describe()));
                }
            } finally {
                loaded.forEach(Plugin::close);
            }
        }
        return out;
    }

    /**
     * Loads and initialises the given plugins, then the manifest's, into {@code loaded} (the
     * caller closes them, also after an error), all with one table registry as in one Falco
     * process. {@code notes} hears of a bundled sample standing in for a name while a search path
     * was given, and of a manifest plugin of another sha256.
     */
    public void load(List<PluginChooser.Spec> specs, Path capture, List<Plugin> loaded, Consumer<String> notes)
            throws IOException, PluginException {
        TableRegistry tables = new TableRegistry();
        for (PluginChooser.Chosen c : chooser.choose(specs)) {
            if (c.bundled() && chooser.hasSearchPath()) {
                notes.accept(c.describe() + ": not in --plugin-dir or SCAPULA_PLUGIN_DIR");
            }
            Plugin p = Plugin.load(c.file());
            loaded.add(p);
            p.init(c.initConfig(), tables);
        }
        if (fromManifest) {
            for (ManifestPlugins.Found f : manifest().find(capture, loaded)) {
                if (f.mismatch() || (f.chosen().bundled() && chooser.hasSearchPath())) {
                    notes.accept(f.describe());
                }
                Plugin p = Plugin.load(f.chosen().file());
                loaded.add(p);
                p.init(f.chosen().initConfig(), tables);
            }
        }
    }

    /** The plugin named {@code name} in the capture's manifest, found and checked, not loaded (diff's old version). */
    public ManifestPlugins.Found named(Path capture, String name) throws IOException, PluginException {
        return manifest().named(capture, name);
    }

    private ManifestPlugins manifest() {
        return new ManifestPlugins(chooser, allowMismatch);
    }
}

package dev.scapula.replayer.plugins;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.manifest.FileDigest;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.config.PluginChooser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugins a capture's manifest names, for {@code --plugins-from-manifest}: a capture never
 * chooses the code that runs, so a name is only a name (searched in the plugin directories and the
 * bundled samples, never a path), and a file whose sha256 is not the recorded one is refused
 * unless the user allows it.
 */
public final class ManifestPlugins {
    private final PluginChooser options;
    private final boolean allowMismatch;

    /** Finds manifest plugins with {@code options}; {@code allowMismatch} lets a file of another sha256 through. */
    public ManifestPlugins(PluginChooser options, boolean allowMismatch) {
        this.options = options;
        this.allowMismatch = allowMismatch;
    }

    /** A plugin found for a manifest entry, with its recorded init config, and what its hash check found. */
    public record Found(PluginChooser.Chosen chosen, String recordedSha256, String fileSha256) {
        /** Whether the file is not the recorded build (loaded only with --allow-plugin-mismatch). */
        public boolean mismatch() {
            return !recordedSha256.equalsIgnoreCase(fileSha256);
        }

        /** One line for the user: the file, where it came from, and both hashes when they differ. */
        public String describe() {
            return chosen.describe() + (recordedSha256.equalsIgnoreCase(fileSha256) ? ", sha256 as recorded"
                    : ", sha256 " + fileSha256 + " where the manifest recorded "
                            + (recordedSha256.isEmpty() ? "none" : recordedSha256) + " (--allow-plugin-mismatch)");
        }
    }

    /**
     * The manifest's plugins that no plugin already loaded stands for (same name, or same
     * non-zero id), each found and checked before any is loaded.
     */
    public List<Found> find(Path capture, List<Plugin> loaded) throws IOException, PluginException {
        Manifest manifest = read(capture);
        List<Found> out = new ArrayList<>();
        for (Manifest.PluginEntry m : manifest.plugins()) {
            boolean given = loaded.stream().anyMatch(p -> p.name().equals(m.name())
                    || (p.info().id() != null && p.info().id() != 0 && p.info().id() == m.id()));
            if (!given) {
                out.add(find(capture, m));
            }
        }
        return out;
    }

    /** The manifest's entry for the plugin named {@code name}, found by name and checked; not loaded. */
    public Found named(Path capture, String name) throws IOException, PluginException {
        for (Manifest.PluginEntry m : read(capture).plugins()) {
            if (m.name().equals(name)) {
                return find(capture, m);
            }
        }
        throw new PluginException(capture + ": the manifest names no plugin " + name);
    }

    /**
     * The capture's manifest, decoded and checked (names, bounds, text): commands call it before
     * they load any plugin, so a hostile manifest stops the run before any plugin code runs.
     */
    public static Manifest read(Path capture) throws IOException, PluginException {
        try (CaptureReader reader = CaptureReader.open(capture)) {
            return reader.manifest().orElseThrow(() -> new PluginException(capture + " has no manifest (it was "
                    + "not recorded by scapula): give the plugins with -H"));
        }
    }

    private Found find(Path capture, Manifest.PluginEntry m) throws IOException, PluginException {
        String entry = capture + ": the manifest names plugin " + m.name() + " " + m.version() + " (id " + m.id() + ")";
        PluginChooser.Chosen c;
        try {
            c = options.locateName(m.name(), "named by the manifest of " + capture);
        } catch (PluginException e) {
            throw new PluginException(entry + ": " + e.getMessage(), e);
        }
        String recorded = m.sha256() == null ? "" : m.sha256();
        String actual = FileDigest.sha256(c.file());
        if (!recorded.equalsIgnoreCase(actual) && !allowMismatch) {
            throw new PluginException(entry + " with sha256 " + (recorded.isEmpty() ? "(none recorded)" : recorded)
                    + ", but " + c.file() + " (" + c.origin() + ") has sha256 " + actual + ": refused, since a capture "
                    + "must not choose the code that runs. Give the plugin with -H, or --allow-plugin-mismatch to "
                    + "load this file anyway");
        }
        return new Found(c.withInitConfig(m.initConfig() == null ? "" : m.initConfig()), recorded, actual);
    }
}

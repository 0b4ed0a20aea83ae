package dev.scapula.replayer.verify;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.load.Capability;
import dev.scapula.capture.manifest.FileDigest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings of verify that do not decide the verdict: WARNING for a stateful plugin that
 * cannot dump its state, for a manifest naming another build than the one loaded and for live
 * values past the capture's end; NOTE for a field that never had a value and for live values that
 * are not compared.
 */
final class Advisories {
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();

    void checkDumpState(PluginSet set) {
        for (PluginSet.Member m : set.members) {
            var caps = m.plugin().info().capabilities();
            if (caps.contains(Capability.PARSING) && caps.contains(Capability.ASYNC)
                    && !m.plugin().dumpsState()) {
                warnings.add(m.plugin().name() + " keeps state from parsed events and sends async events, but has no "
                        + "dump_state: a capture that starts later (a rotated file) cannot rebuild that state");
            }
        }
    }

    void checkManifest(CaptureReader reader, PluginSet set, Path capture) throws IOException {
        for (Manifest.PluginEntry entry : reader.manifest().map(Manifest::plugins).orElse(List.of())) {
            for (PluginSet.Member m : set.members) {
                var info = m.plugin().info();
                boolean same = entry.name().equals(info.name())
                        || (info.id() != null && info.id() != 0 && info.id() == entry.id());
                if (!same) {
                    continue;
                }
                if (!entry.version().equals(info.version())) {
                    warnings.add(capture.getFileName() + " was recorded with " + entry.name() + " " + entry.version()
                            + ", verified with " + info.name() + " " + info.version());
                } else if (entry.sha256() != null && !entry.sha256().isEmpty()) {
                    String loaded = FileDigest.sha256(Path.of(info.path()));
                    if (!loaded.equals(entry.sha256())) {
                        warnings.add(capture.getFileName() + " was recorded with " + entry.name() + " " + entry.version()
                                + " sha256 " + entry.sha256() + ", verified with a different build, sha256 " + loaded);
                    }
                }
            }
        }
    }

    void noteEmptyFields(Coverage coverage) {
        for (FieldCount c : coverage.fieldCounts()) {
            if (c.events() > 0 && c.withValue() == 0) {
                notes.add(String.format("%s: field %s had no value on any of the %,d events it was extracted from",
                        c.plugin(), c.field(), c.events()));
            }
        }
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    void note(String note) {
        notes.add(note);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}

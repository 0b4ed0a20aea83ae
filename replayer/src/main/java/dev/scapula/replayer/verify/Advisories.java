package dev.scapula.replayer.verify;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.load.Capability;
import dev.scapula.capture.manifest.FileDigest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings of verify that do not decide the verdict: WARNING for a stateful plugin that
 * cannot dump its state and for a manifest naming another build than the one loaded, NOTE for a
 * field that never had a value.
 */
final class Advisories {
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    /** Per plugin and field: how many events extracted it, and how many gave a value. */
    private final Map<String, long[]> valueCounts = new LinkedHashMap<>();

    void checkDumpState(PluginSet set) {
        for (PluginSet.Member m : set.members) {
            var caps = m.plugin().info().capabilities();
            if (caps.contains(Capability.PARSING) && caps.contains(Capability.ASYNC)
                    && !m.plugin().library().exports("plugin_dump_state")) {
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

    void countValues(PluginSet set, List<List<FieldValue>> values) {
        for (int p = 0; p < values.size(); p++) {
            String plugin = set.members.get(p).plugin().name();
            for (FieldValue v : values.get(p)) {
                long[] c = valueCounts.computeIfAbsent(plugin + "\t" + v.field(), k -> new long[2]);
                c[0]++;
                if (!v.values().isEmpty()) {
                    c[1]++;
                }
            }
        }
    }

    void noteEmptyFields(PluginSet set) {
        valueCounts.forEach((key, c) -> {
            if (c[0] > 0 && c[1] == 0) {
                String[] pf = key.split("\t", 2);
                notes.add(String.format("%s: field %s had no value on any of the %,d events it was extracted from",
                        pf[0], pf[1], c[0]));
            }
        });
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}

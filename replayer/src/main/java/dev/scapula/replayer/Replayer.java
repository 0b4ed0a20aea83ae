package dev.scapula.replayer;

import dev.scapula.capture.manifest.FileDigest;
import com.sun.jna.Pointer;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.isolate.CallLog;
import dev.scapula.plugin.extract.FieldType;
import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.parse.Parser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Replays a capture through plugins as libsinsp reads a capture file: every event, in order, goes
 * first to every compatible parser (plugin, async and other events alike), then each plugin and
 * async event has its selected fields computed (built-in {@code evt.*} fields) or extracted by a
 * compatible extractor, straight from the reader's off-heap buffer, and goes to a consumer.
 *
 * <p>Event sources come from plugin ids: id 0 is "syscall", then the loaded source plugins'
 * ids, then the capture's manifest. Plugin and async events of an id that none of them names
 * are counted, not handed to plugins. A manifest whose plugin version or file sha256 differs
 * from the plugin loaded for that id gets one warning.
 */
public final class Replayer {
    /** Receives each replayed event. */
    @FunctionalInterface
    public interface EventConsumer {
        /** Returns false to stop the replay (e.g. the output pipe closed). */
        boolean accept(ReplayedEvent event) throws IOException;
    }

    /** Receives each replayed event in place: the cursor is only valid inside the call. */
    @FunctionalInterface
    public interface CursorConsumer {
        /** Returns false to stop the replay (e.g. the output pipe closed). */
        boolean accept(ReplayCursor event) throws IOException;
    }

    /**
     * The fields to give for every event: built-in {@code evt.*} fields and plugin fields, in
     * this order, then, when {@code allPluginFields}, every other field of every extractor that
     * needs no argument.
     */
    public record Selection(List<String> fields, boolean allPluginFields) {
        public Selection {
            fields = List.copyOf(fields);
        }
    }

    private static final int EVENT_DATA_PARAM = 1;
    private static final int PLUGININFO_DATA_SHOWN = 50;

    private final List<Plugin> parsingPlugins = new ArrayList<>();
    private final List<Parser> parsers = new ArrayList<>();
    private final List<Compatibility> parserCompatibility = new ArrayList<>();
    private final List<ExtractorBinding> extractors = new ArrayList<>();
    private final List<String> fieldNames = new ArrayList<>();
    private final List<FieldType> fieldTypes = new ArrayList<>();
    /** Per selected field: the built-in it is, or null for a plugin field. */
    private final List<BuiltinField> builtins = new ArrayList<>();
    private final Map<Long, Plugin> sourcePlugins = new HashMap<>();
    private final EventTime time;
    private final Consumer<String> warnings;
    private final Set<String> warned = new HashSet<>();
    private final Map<Long, Long> unknownIds = new TreeMap<>();
    private final Map<Plugin, String> digests = new HashMap<>();
    private final CallLog captureLog = CallLog.forHost();

    /** Extracts {@code fieldSpecs} (empty: every plugin field), times in UTC, warnings dropped. */
    public Replayer(List<Plugin> plugins, List<String> fieldSpecs) throws PluginException {
        this(plugins, new Selection(fieldSpecs, fieldSpecs.isEmpty()), EventTime.UTC, w -> { });
    }

    /**
     * @param plugins   initialised plugins: parsers parse, extractors extract, source plugins name
     *                  their ids' sources and format their events ({@code evt.plugininfo})
     * @param selection the fields to give for each event
     * @param time      how {@code evt.time} and {@code evt.datetime} are shifted
     * @param warnings  receives each warning once (manifest mismatches, plugin call failures)
     */
    public Replayer(List<Plugin> plugins, Selection selection, EventTime time, Consumer<String> warnings)
            throws PluginException {
        this.time = time;
        this.warnings = warnings;
        for (Plugin p : plugins) {
            Set<Capability> caps = p.info().capabilities();
            if (caps.contains(Capability.SOURCING) && p.info().id() != null && p.info().id() != 0) {
                sourcePlugins.putIfAbsent(p.info().id(), p);
            }
            if (caps.contains(Capability.PARSING)) {
                parsingPlugins.add(p);
                parsers.add(new Parser(p));
                parserCompatibility.add(Compatibility.parsing(p));
            }
            if (caps.contains(Capability.EXTRACTION)) {
                extractors.add(new ExtractorBinding(p));
            }
        }
        // a typo is a usage error naming the closest fields, before any event is read
        FieldCatalog.of(extractors.stream().map(x -> x.plugin.info()).toList(),
                Arrays.stream(BuiltinField.values()).map(BuiltinField::fieldName).toList())
                .checkAll("-f", selection.fields());
        for (String spec : selection.fields()) {
            select(spec, plugins);
        }
        if (selection.allPluginFields()) {
            for (ExtractorBinding x : extractors) {
                for (String name : x.argumentFreeFields()) {
                    if (!fieldNames.contains(name)) {
                        select(name, plugins);
                    }
                }
            }
        }
    }

    private void select(String spec, List<Plugin> plugins) throws PluginException {
        int slot = fieldNames.size();
        var builtin = BuiltinField.named(spec);
        if (builtin.isPresent()) {
            fieldNames.add(spec);
            fieldTypes.add(builtin.get().type());
            builtins.add(builtin.get());
            return;
        }
        for (ExtractorBinding x : extractors) {
            if (x.declares(spec)) {
                x.add(spec, slot);
                fieldNames.add(x.requests.get(x.requests.size() - 1).display());
                fieldTypes.add(x.requests.get(x.requests.size() - 1).type());
                builtins.add(null);
                return;
            }
        }
        throw new PluginException("no built-in field and no loaded plugin's field is named " + spec + " (built-in: "
                + Arrays.stream(BuiltinField.values()).map(BuiltinField::fieldName).collect(Collectors.joining(", "))
                + "; loaded: " + plugins.stream().map(Plugin::name).collect(Collectors.joining(", ")) + ")");
    }

    /** The selected fields' names as they appear in each event's field list. */
    public List<String> fieldNames() {
        return List.copyOf(fieldNames);
    }

    /** Replays one capture; returns the number of plugin and async events seen. */
    public long replay(Path capture, EventConsumer consumer) throws IOException, PluginException {
        return replayInPlace(capture, e -> consumer.accept(e.toReplayedEvent()));
    }

    /**
     * Replays one capture handing each event to {@code consumer} in place, with no copy of its
     * values; returns the number of plugin and async events seen.
     */
    public long replayInPlace(Path capture, CursorConsumer consumer) throws IOException, PluginException {
        long seen = 0;
        captureLog.capture(capture);
        ReplayCursor cursor = new ReplayCursor(fieldNames, fieldTypes, builtins, time);
        try (CaptureReader reader = CaptureReader.openReadingAhead(capture)) {
            Map<Long, String> known = new HashMap<>();
            List<Manifest.PluginEntry> manifest = reader.manifest().map(Manifest::plugins).orElse(List.of());
            manifest.forEach(p -> known.put(p.id(), p.eventSource()));
            sourcePlugins.forEach((id, p) -> known.put(id, p.info().eventSource()));
            checkManifest(capture, manifest);
            // Captures hold long runs of one plugin id: look its source up once per run, not per event.
            long lastId = -1;
            String lastSource = null;
            Plugin lastOwner = null;
            for (Event e = reader.next(); e != null; e = reader.next()) {
                int type = e.type();
                boolean pluginEvent = e.isPluginEvent();
                boolean asyncEvent = e.isAsyncEvent();
                if ((pluginEvent && e.paramCount() != 2) || (asyncEvent && e.paramCount() != 3)) {
                    continue;
                }
                long id = pluginEvent || asyncEvent ? e.pluginId() & 0xffffffffL : 0;
                if (id != lastId) {
                    lastId = id;
                    lastSource = id == 0 ? Compatibility.SYSCALL : known.get(id);
                    lastOwner = sourcePlugins.get(id);
                }
                String source = lastSource;
                Pointer event = null;
                for (int i = 0; i < parsers.size(); i++) {
                    if (parserCompatibility.get(i).accepts(type, source)) {
                        event = event != null ? event : pointer(e, capture);
                        parse(i, event, e, source);
                    }
                }
                if (!pluginEvent && !asyncEvent) {
                    continue;
                }
                seen++;
                if (source == null) {
                    unknownIds.merge(id, 1L, Long::sum);
                    continue;
                }
                event = event != null ? event : pointer(e, capture);
                String asyncName = asyncEvent ? e.paramText(1) : null;
                cursor.moveTo(e, id, source, asyncName, pluginEvent ? lastOwner : null);
                try {
                    values(cursor, e, event, source);
                } catch (PluginException garbage) {
                    // the plugin's message names the event; the user also needs to know which capture
                    throw new PluginException(capture + ": " + garbage.getMessage(), garbage);
                }
                if (!consumer.accept(cursor)) {
                    break;
                }
            }
        }
        return seen;
    }

    private static Pointer pointer(Event e, Path capture) throws PluginException {
        try {
            return new Pointer(e.address());
        } catch (IllegalStateException notV2) {
            throw new PluginException(capture + ": event " + e.number() + " (" + e.typeName() + ") has a v1 header "
                    + "or a big-endian section; plugins are handed v2 little-endian events only");
        }
    }

    /** libsinsp ignores what a parser returns; a failure is reported once per plugin and the replay goes on. */
    private void parse(int i, Pointer event, Event e, String source) throws PluginException {
        try {
            parsers.get(i).parse(event, e.number(), source);
        } catch (PluginCallException failed) {
            warnOnce("parse " + parsingPlugins.get(i).name(), "warning: " + failed.getMessage() + " (event "
                    + e.number() + "; later parse failures of this plugin are not shown, and as in libsinsp the "
                    + "replay goes on)");
        }
    }

    /**
     * Extracts the plugin fields into the cursor, then asks the source plugin for
     * {@code evt.plugininfo}: the plugin calls a replay makes, in the order it always made them.
     */
    private void values(ReplayCursor cursor, Event e, Pointer event, String source) throws PluginException {
        for (ExtractorBinding x : extractors) {
            if (x.requests.isEmpty()) {
                continue;
            }
            if (x.compatibility.accepts(e.type(), source)) {
                try {
                    List<FieldValue> got = x.extractor.extract(event, e.number(), source, x.requests, false);
                    for (int r = 0; r < x.requests.size(); r++) {
                        cursor.extracted(x.slots.get(r), got.get(r));
                    }
                } catch (PluginCallException failed) {
                    // libsinsp reads a failed extraction as "no value"
                    warnOnce("extract " + x.plugin.name(), "warning: " + failed.getMessage() + " (event "
                            + e.number() + "; its fields have no value there, as in libsinsp; later failures of "
                            + "this plugin are not shown)");
                }
            }
        }
        for (int slot = 0; slot < builtins.size(); slot++) {
            if (builtins.get(slot) == BuiltinField.PLUGININFO) {
                Plugin owner = cursor.owner();
                cursor.pluginInfo(slot, owner == null ? null : pluginInfo(owner, event, e, source));
            }
        }
    }

    /** The source plugin's {@code event_to_string}, or libsinsp's fallback when it has none or returns "". */
    private static String pluginInfo(Plugin owner, Pointer event, Event e, String source) throws PluginException {
        String text = owner.eventToString(event, e.number(), source);
        return text != null && !text.isEmpty() ? text : pluginInfoFallback(e.paramBytes(EVENT_DATA_PARAM));
    }

    /**
     * libsinsp's {@code evt.plugininfo} without {@code event_to_string}: the data length, then up
     * to 50 bytes of data if all of those are printable ASCII, else {@code <binary>}.
     */
    static String pluginInfoFallback(byte[] data) {
        StringBuilder b = new StringBuilder("datalen=").append(data.length).append(" data=");
        int shown = Math.min(data.length, PLUGININFO_DATA_SHOWN);
        for (int i = 0; i < shown; i++) {
            if (data[i] < 0x20 || data[i] > 0x7e) {
                return b.append("<binary>").toString();
            }
        }
        for (int i = 0; i < shown; i++) {
            b.append((char) data[i]);
        }
        return data.length > PLUGININFO_DATA_SHOWN ? b.append("...").toString() : b.toString();
    }

    /** One warning per differing manifest entry: version and file digest against the loaded plugin. */
    private void checkManifest(Path capture, List<Manifest.PluginEntry> manifest) throws IOException {
        for (Manifest.PluginEntry m : manifest) {
            Plugin loaded = sourcePlugins.get(m.id());
            if (loaded == null) {
                continue;
            }
            String sha = digests.get(loaded);
            if (sha == null) {
                sha = FileDigest.sha256(Path.of(loaded.info().path()));
                digests.put(loaded, sha);
            }
            boolean versionDiffers = !Objects.equals(m.version(), loaded.info().version());
            boolean shaDiffers = m.sha256() != null && !m.sha256().isEmpty() && !m.sha256().equalsIgnoreCase(sha);
            if (versionDiffers || shaDiffers) {
                Set<String> what = new LinkedHashSet<>();
                if (versionDiffers) {
                    what.add("version " + m.version() + " in the manifest, " + loaded.info().version() + " loaded");
                }
                if (shaDiffers) {
                    what.add("sha256 " + m.sha256() + " in the manifest, " + sha + " loaded");
                }
                warnOnce("manifest " + m.id() + " " + m.version() + " " + m.sha256(), "warning: " + capture
                        + " was recorded with plugin id " + m.id() + " (" + m.name() + ") not as loaded (" + loaded.name()
                        + " from " + loaded.info().path() + "): " + String.join("; ", what));
            }
        }
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            warnings.accept(message);
        }
    }

    /** Plugin ids seen with no known source, and how many events each had. */
    public Map<Long, Long> unknownIds() {
        return Map.copyOf(unknownIds);
    }
}

package dev.scapula.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.load.Capability;
import dev.scapula.plugin.load.PluginLibrary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a loaded library's self-description into a {@link PluginInfo}, without the checks
 * {@link Plugin#load} makes: for tools such as lint that report on plugins a host would refuse.
 */
public final class PluginInfoReader {
    private final ObjectMapper json = new ObjectMapper();

    /** The description, given the capabilities the library exports. */
    public PluginInfo read(PluginLibrary lib, Set<Capability> caps) throws PluginException {
        String name = lib.string("plugin_get_name");
        Long id = null;
        String source = null;
        // As libsinsp, read the id and event source of source plugins only: the Go SDK exports
        // plugin_get_id from extract-only plugins too, and its number means nothing there.
        boolean sourcing = caps.contains(Capability.SOURCING);
        if (sourcing && lib.exports("plugin_get_id")) {
            id = ((Integer) lib.require("plugin_get_id").invoke(Integer.class, new Object[0])) & 0xffffffffL;
        }
        if (sourcing && lib.exports("plugin_get_event_source")) {
            source = lib.string("plugin_get_event_source");
        }
        return new PluginInfo(lib.path().toString(), name, lib.string("plugin_get_version"),
                lib.string("plugin_get_description"), lib.string("plugin_get_contact"),
                lib.string("plugin_get_required_api_version"), caps, id, source, initSchema(lib),
                fields(lib, name), list(lib, "plugin_get_extract_event_sources", name),
                list(lib, "plugin_get_parse_event_sources", name), list(lib, "plugin_get_async_event_sources", name),
                list(lib, "plugin_get_async_events", name));
    }

    private static String initSchema(PluginLibrary lib) throws PluginException {
        if (!lib.exports("plugin_get_init_schema")) {
            return null;
        }
        Memory type = new Memory(4);
        type.setInt(0, 0);
        Pointer p = (Pointer) lib.require("plugin_get_init_schema").invoke(Pointer.class, new Object[] {type});
        return p == null || type.getInt(0) == 0 ? null : p.getString(0, "UTF-8");
    }

    private List<PluginInfo.Field> fields(PluginLibrary lib, String plugin) throws PluginException {
        List<PluginInfo.Field> out = new ArrayList<>();
        if (!lib.exports("plugin_get_fields")) {
            return out;
        }
        JsonNode root = parse(lib.string("plugin_get_fields"), plugin, "plugin_get_fields");
        for (JsonNode f : root) {
            JsonNode arg = f.path("arg");
            boolean required = arg.path("isRequired").asBoolean();
            String kind = arg.path("isIndex").asBoolean() ? "index" : arg.path("isKey").asBoolean() ? "key" : "";
            // The Go SDK writes an arg object with every flag false for fields without one: as in
            // libsinsp, an argument is allowed only when it is an index or a key (or required).
            String argText = !required && kind.isEmpty() ? "" : (required ? "required " : "optional ") + kind;
            List<String> props = new ArrayList<>();
            f.path("properties").forEach(p -> props.add(p.asText()));
            out.add(new PluginInfo.Field(f.path("name").asText(), f.path("type").asText(),
                    f.path("isList").asBoolean(), argText.strip(), f.path("display").asText(""),
                    f.path("desc").asText(""), props));
        }
        return out;
    }

    private List<String> list(PluginLibrary lib, String symbol, String plugin) throws PluginException {
        List<String> out = new ArrayList<>();
        if (lib.exports(symbol)) {
            String text = lib.string(symbol);
            if (text != null && !text.isBlank()) {
                parse(text, plugin, symbol).forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }

    private JsonNode parse(String text, String plugin, String symbol) throws PluginException {
        try {
            JsonNode n = json.readTree(text == null ? "[]" : text);
            if (!n.isArray()) {
                throw new PluginException(plugin + ": " + symbol + " returned JSON that is not an array: " + text);
            }
            return n;
        } catch (IOException e) {
            throw new PluginException(plugin + ": " + symbol + " returned invalid JSON: " + e.getMessage(), e);
        }
    }
}

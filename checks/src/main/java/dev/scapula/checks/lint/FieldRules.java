package dev.scapula.checks.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scapula.capture.event.EventTypes;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The fields part of the checklist, on the JSON of {@code plugin_get_fields} as the plugin returns it. */
final class FieldRules {
    private static final Set<String> TYPES = Set.of("uint64", "string", "bool", "reltime", "abstime", "ipaddr", "ipnet");
    private static final Set<String> PROPERTIES = Set.of("hidden", "info", "conversation");
    private static final int DISPLAY_MAX = 64;

    private final ObjectMapper json = new ObjectMapper();

    void check(String fieldsJson, List<Finding> out) {
        if (fieldsJson == null) {
            return;
        }
        JsonNode fields;
        try {
            fields = json.readTree(fieldsJson);
        } catch (IOException e) {
            out.add(new Finding("fields/type", Severity.ERROR, "plugin_get_fields returns invalid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), "return a JSON array of field objects"));
            return;
        }
        Set<String> names = new HashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (JsonNode f : fields) {
            String name = f.path("name").asText("");
            String label = name.isEmpty() ? "a field without a name" : "field " + name;
            if (!names.add(name)) {
                out.add(new Finding("fields/unique", Severity.ERROR, label + " is declared more than once",
                        "give every field its own name"));
            }
            prefixes.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            if (f.path("desc").asText("").isBlank()) {
                out.add(new Finding("fields/description", Severity.WARNING, label + " has no description",
                        "add \"desc\": what the field holds, as the Falco docs will show it"));
            }
            String type = f.path("type").asText("");
            if (!TYPES.contains(type)) {
                out.add(new Finding("fields/type", Severity.ERROR, label + " has type \"" + type + "\"",
                        "use one of " + String.join(", ", TYPES.stream().sorted().toList())));
            }
            JsonNode arg = f.path("arg");
            if (!arg.isMissingNode()) {
                boolean index = arg.path("isIndex").asBoolean();
                boolean key = arg.path("isKey").asBoolean();
                if (index && key) {
                    out.add(new Finding("fields/args", Severity.ERROR, label + " takes an argument that is both an "
                            + "index and a key", "choose isIndex or isKey"));
                } else if (arg.path("isRequired").asBoolean() && !index && !key) {
                    out.add(new Finding("fields/args", Severity.ERROR, label + " requires an argument that is "
                            + "neither an index nor a key", "set isIndex or isKey, or drop isRequired"));
                }
            }
            for (JsonNode p : f.path("properties")) {
                if (!PROPERTIES.contains(p.asText())) {
                    out.add(new Finding("fields/properties", Severity.WARNING, label + " has the unknown property \""
                            + p.asText() + "\"", "use hidden, info or conversation (or addOutput for suggested output)"));
                }
            }
            String display = f.path("display").asText("");
            if (display.length() > DISPLAY_MAX || display.chars().anyMatch(Character::isISOControl)) {
                out.add(new Finding("fields/display", Severity.NOTE, label + " has a display name that is too long "
                        + "or holds control characters", "keep \"display\" a short, printable label"));
            }
        }
        if (prefixes.size() > 1) {
            out.add(new Finding("fields/prefix", Severity.WARNING, "fields use several prefixes: "
                    + String.join(", ", prefixes), "put every field under one prefix, such as the plugin's name"));
        }
    }

    /** Event types declared for extraction or parsing: they must exist, and suit the sources. */
    void checkEventTypes(String what, List<Integer> types, List<String> sources, List<Finding> out) {
        boolean syscall = sources.isEmpty() || sources.contains("syscall");
        EventTypes table = EventTypes.standard();
        for (int t : types) {
            if (table.get(t).isEmpty()) {
                out.add(new Finding("fields/event-types", Severity.ERROR, what + " declares event type " + t
                        + ", which does not exist (the event table has " + table.limit() + " codes)",
                        "declare only event codes from the framework's event table"));
            } else if (!syscall && t != EventTypes.PLUGIN_EVENT && t != EventTypes.ASYNC_EVENT) {
                out.add(new Finding("fields/event-types", Severity.WARNING, what + " declares event type " + t
                        + " for plugin sources " + sources + ", which only carry events 322 and 402",
                        "declare 322 (plugin events) and 402 (async events) only"));
            }
        }
    }
}

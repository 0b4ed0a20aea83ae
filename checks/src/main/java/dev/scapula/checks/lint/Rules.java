package dev.scapula.checks.lint;

import java.util.List;
import java.util.Optional;

/** Every rule lint checks, in report order, as SARIF's {@code tool.driver.rules} lists them. */
public final class Rules {
    private static final String GUIDE = "Falco plugin developers guide";
    private static final String API = "plugin_api.h";
    private static final String REGISTRY = "falcosecurity/plugins registry";

    /** The catalogue; a list of immutable records. */
    public static final List<Rule> ALL = List.of(
            new Rule("api/version-format", "The required API version is MAJOR.MINOR.PATCH", API),
            new Rule("api/major", "The required API major equals the framework's (3)", GUIDE),
            new Rule("api/newer-than-host", "The required API version is one this host implements", API),
            new Rule("api/loads-in", "Which Falco and libs releases can load the plugin", API),
            new Rule("api/symbols-newer-than-declared", "No exported function needs a newer API minor than the one declared", API),
            new Rule("identity/id-and-source", "A non-empty event source has a non-zero ID and the other way round", GUIDE),
            new Rule("identity/reserved-source", "The event source is not a reserved name (syscall, internal, plugins)", REGISTRY),
            new Rule("identity/test-id", "ID 999 is for development only", REGISTRY),
            new Rule("identity/registered-id", "The ID is not registered to another plugin", REGISTRY),
            new Rule("identity/registry-mismatch", "A registered plugin keeps its registered ID and source", REGISTRY),
            new Rule("identity/shared-source", "A source other plugins produce needs their exact payload format", REGISTRY),
            new Rule("identity/unregistered", "Plugins shared with others are registered", REGISTRY),
            new Rule("meta/capabilities", "Every capability is exported whole and every self-description is valid", API),
            new Rule("meta/semver", "The version is semantic (MAJOR.MINOR.PATCH)", GUIDE),
            new Rule("meta/contact", "Contact information is present and is a URL or an e-mail address", GUIDE),
            new Rule("meta/description", "The description is present", GUIDE),
            new Rule("meta/init-schema", "The init schema is valid JSON Schema and the default config passes it, or init explains why not", API),
            new Rule("fields/unique", "Field names are unique", GUIDE),
            new Rule("fields/prefix", "All fields share one prefix", GUIDE),
            new Rule("fields/description", "Every field has a description", GUIDE),
            new Rule("fields/type", "Field types are ones the framework knows", API),
            new Rule("fields/args", "Field argument flags are consistent (index or key, required only with one of them)", API),
            new Rule("fields/properties", "Field properties are ones the framework knows", API),
            new Rule("fields/display", "Display names are short, printable text", GUIDE),
            new Rule("fields/event-types", "Extraction and parsing are declared for event types that exist", API),
            new Rule("behaviour/determinism", "Replayed twice, the plugin returns the same values and reaches the same state", GUIDE),
            new Rule("behaviour/extraction-changes-state", "Fields are extracted from the event, not from hidden state that extraction changes", GUIDE),
            new Rule("behaviour/no-dump-state", "A plugin with parsed state and async events can dump its state", API),
            new Rule("behaviour/errors", "Parsing and extracting recorded events gives no errors", GUIDE),
            new Rule("behaviour/nothing-compared", "The behaviour checks compared some field value or state change", GUIDE),
            new Rule("behaviour/arbitrary-payloads", "An extractor that declares no sources survives arbitrary payloads", GUIDE),
            new Rule("release/semver", "The version bump matches the change (patch always, minor for added fields, major for changed or removed ones)", GUIDE),
            new Rule("release/nothing-compared", "The two versions were compared on some field value", GUIDE),
            new Rule("release/old-captures", "Captures written with the previous version still parse and extract", API));

    private Rules() {
    }

    /** The rule with this id. */
    public static Optional<Rule> find(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}

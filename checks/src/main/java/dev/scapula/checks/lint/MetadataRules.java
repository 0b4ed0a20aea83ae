package dev.scapula.checks.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.scapula.plugin.PluginCallException;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.PluginInfo;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The metadata part of the checklist: version, contact, description and init schema. */
final class MetadataRules {
    /** Semantic Versioning 2.0.0: three numbers without leading zeros, optional pre-release and build. */
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[A-Za-z]{2,}");
    private static final Pattern URL = Pattern.compile("(https?://)?[\\w-]+(\\.[\\w-]+)*\\.[A-Za-z]{2,}(/\\S*)?");

    private final ObjectMapper json = new ObjectMapper();

    void check(PluginInfo info, List<Finding> out) {
        String version = info.version() == null ? "" : info.version();
        if (!SEMVER.matcher(version).matches()) {
            out.add(new Finding("meta/semver", Severity.ERROR, "version \"" + version + "\" is not MAJOR.MINOR.PATCH",
                    "return a semantic version such as \"0.1.0\" from plugin_get_version"));
        }
        String contact = info.contact() == null ? "" : info.contact().strip();
        if (contact.isEmpty()) {
            out.add(new Finding("meta/contact", Severity.ERROR, "no contact information",
                    "return a URL (e.g. the repository) or an e-mail address from plugin_get_contact"));
        } else if (!EMAIL.matcher(contact).find() && !URL.matcher(contact).find()) {
            out.add(new Finding("meta/contact", Severity.WARNING, "contact \"" + contact
                    + "\" holds neither a URL nor an e-mail address", "add a URL or an e-mail address"));
        }
        if (info.description() == null || info.description().isBlank()) {
            out.add(new Finding("meta/description", Severity.WARNING, "no description",
                    "return one sentence on what the plugin does from plugin_get_description"));
        }
        if (info.initSchema() != null) {
            String problem = schemaProblem(info.initSchema());
            if (problem != null) {
                out.add(new Finding("meta/init-schema", Severity.ERROR, "the init schema is not valid JSON Schema: "
                        + problem, "fix the schema returned by plugin_get_init_schema"));
            }
        }
    }

    /** What is wrong with a schema, checked against its draft's meta-schema, or null. */
    private String schemaProblem(String schema) {
        JsonNode node;
        try {
            node = json.readTree(schema);
        } catch (IOException e) {
            return "not JSON: " + e.getMessage().lines().findFirst().orElse("");
        }
        if (!node.isObject()) {
            return "not a JSON object";
        }
        SpecVersion.VersionFlag version;
        try {
            version = SpecVersionDetector.detect(node);
        } catch (RuntimeException noSchemaKeyword) {
            version = SpecVersion.VersionFlag.V7;
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(version);
        String meta = factory.getMetaSchema(version.getId(), null).getIri();
        Set<ValidationMessage> problems = factory.getSchema(SchemaLocation.of(meta)).validate(node);
        return problems.isEmpty() ? null
                : problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }

    /** The init-with-defaults check, given how {@code init("")} failed (null when it worked). */
    void initOutcome(PluginException failure, List<Finding> out) {
        if (failure == null) {
            return;
        }
        boolean silent = failure instanceof PluginCallException call
                && (call.lastError() == null || call.lastError().isBlank());
        if (silent) {
            out.add(new Finding("meta/init-schema", Severity.ERROR, "init with the default config fails and "
                    + "plugin_get_last_error says nothing: " + failure.getMessage(),
                    "set an error text that tells the user which config is needed"));
        } else {
            out.add(new Finding("meta/init-schema", Severity.NOTE, "init needs a config: " + failure.getMessage(),
                    "document the config, or accept an empty one with defaults"));
        }
    }
}

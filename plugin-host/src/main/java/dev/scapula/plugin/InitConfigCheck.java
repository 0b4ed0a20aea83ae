package dev.scapula.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an init config against the JSON schema a plugin publishes, before {@code init}, as
 * libsinsp does: an empty config becomes {@code "{}"}, and that is what reaches the plugin.
 */
final class InitConfigCheck {
    private final ObjectMapper json = new ObjectMapper();

    /** The config to pass to init, or an error naming what the schema refused. */
    String check(String plugin, String schema, String config) throws PluginException {
        if (schema == null || schema.isBlank()) {
            return config;
        }
        String effective = config == null || config.isEmpty() ? "{}" : config;
        JsonNode schemaNode;
        try {
            schemaNode = json.readTree(schema);
        } catch (IOException e) {
            throw new PluginException(plugin + ": its init schema is not valid JSON: " + e.getMessage());
        }
        if (!schemaNode.isObject()) {
            throw new PluginException(plugin + ": its init schema is not a JSON object");
        }
        JsonNode configNode;
        try {
            configNode = json.readTree(effective);
        } catch (IOException e) {
            throw new PluginException(plugin + ": init config is not valid JSON (the plugin publishes a JSON schema): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        SpecVersion.VersionFlag version;
        try {
            version = SpecVersionDetector.detect(schemaNode);
        } catch (RuntimeException noSchemaKeyword) {
            version = SpecVersion.VersionFlag.V7;
        }
        JsonSchema validator = JsonSchemaFactory.getInstance(version).getSchema(schemaNode);
        Set<ValidationMessage> problems = validator.validate(configNode);
        if (!problems.isEmpty()) {
            throw new PluginException(plugin + ": init config " + effective + " does not match the plugin's schema: "
                    + problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        return effective;
    }
}

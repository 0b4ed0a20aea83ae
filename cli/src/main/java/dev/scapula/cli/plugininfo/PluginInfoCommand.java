package dev.scapula.cli.plugininfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.PluginOptions;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.LinePrinter;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scapula plugin-info}: what a plugin says about itself, like {@code sysdig --plugin-info}. */
@Command(name = "plugin-info", mixinStandardHelpOptions = true,
        description = {"Load plugins and show what each says about itself: name, version, description, contact, "
                + "required API version, capabilities, id and event source, init schema, suggested open params, "
                + "compatible sources, async events, and the field table (name, type, list, arg, description).",
            "",
            "PLUGIN is a path to a .so, or a name looked up in --plugin-dir, SCAPULA_PLUGIN_DIR and the "
                + "bundled sample plugins."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every plugin loaded and initialised", "2:a plugin could not be loaded or initialised"})
public final class PluginInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PLUGIN", arity = "1..*", description = "Plugin files or names.")
    List<String> plugins;

    @Option(names = {"-j", "--json"}, description = "One JSON object per plugin, one per line.")
    boolean json;

    @Option(names = "--init-config", paramLabel = "CONFIG", defaultValue = "",
            description = "Init config to initialise the plugins with (needed to list open params).")
    String initConfig;

    @Mixin
    PluginOptions pluginOptions;

    @Override
    public Integer call() {
        int exit = Scapula.OK;
        Json out = new Json();
        try (LinePrinter printer = new LinePrinter(Scapula.stdout(spec))) {
            for (int i = 0; i < plugins.size(); i++) {
                try {
                    Path path = pluginOptions.locate(plugins.get(i));
                    try (Plugin p = Plugin.load(path)) {
                        String openParams = null;
                        String initError = null;
                        List<Integer> parseTypes = List.of();
                        List<Integer> extractTypes = List.of();
                        try {
                            p.init(initConfig);
                            openParams = p.openParamSuggestions();
                            parseTypes = p.eventTypes(true);
                            extractTypes = p.eventTypes(false);
                        } catch (PluginException e) {
                            initError = e.getMessage();
                            exit = Scapula.USAGE_OR_INPUT;
                        }
                        if (json) {
                            ObjectNode node = out.mapper().valueToTree(p.info());
                            if (openParams != null) {
                                node.set("open_params", parse(out, openParams));
                            }
                            if (initError != null) {
                                node.put("init_error", initError);
                            }
                            parseTypes.forEach(node.putArray("parse_event_types")::add);
                            extractTypes.forEach(node.putArray("extract_event_types")::add);
                            p.tables().forEach(t -> node.withArray("tables").add(t.name()));
                            printer.println(out.line(node));
                        } else {
                            if (i > 0) {
                                printer.println("");
                            }
                            printer.println(new PluginInfoText().render(p.info(), openParams, initError, parseTypes,
                                    extractTypes, p.tables().stream().map(t -> t.name()).toList()).stripTrailing());
                        }
                    }
                } catch (PluginException e) {
                    Scapula.err(spec).println("scapula plugin-info: " + ErrorMessages.describe(e));
                    exit = Scapula.USAGE_OR_INPUT;
                }
            }
        }
        return exit;
    }

    private static JsonNode parse(Json out, String text) {
        try {
            return out.mapper().readTree(text);
        } catch (java.io.IOException e) {
            return out.mapper().getNodeFactory().textNode(text);
        }
    }
}

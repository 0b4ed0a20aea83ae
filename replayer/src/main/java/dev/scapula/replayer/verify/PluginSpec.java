package dev.scapula.replayer.verify;

import java.nio.file.Path;

/** A plugin file to verify with the init config to start it with. */
public record PluginSpec(Path path, String initConfig) {
}

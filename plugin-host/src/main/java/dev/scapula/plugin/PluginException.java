package dev.scapula.plugin;

/**
 * A plugin that cannot be loaded or that failed a call; the message names the plugin, the
 * function, what the return code means and the plugin's own last error.
 */
public class PluginException extends Exception {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}

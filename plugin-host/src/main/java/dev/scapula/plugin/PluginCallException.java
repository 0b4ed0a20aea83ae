package dev.scapula.plugin;

/** A plugin function returned an error; carries the function, the return code and the plugin's last error. */
public final class PluginCallException extends PluginException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int returnCode;
    private final String lastError;

    public PluginCallException(String plugin, String function, int returnCode, String lastError) {
        super(plugin + ": " + function + " returned " + ReturnCode.describe(returnCode)
                + (lastError == null || lastError.isEmpty() ? " (the plugin gave no error text)"
                        : ": " + lastError));
        this.function = function;
        this.returnCode = returnCode;
        this.lastError = lastError;
    }

    public String function() {
        return function;
    }

    public int returnCode() {
        return returnCode;
    }

    /** {@code plugin_get_last_error} right after the call, or null. */
    public String lastError() {
        return lastError;
    }
}

package dev.scapula.plugin.extract;

import dev.scapula.plugin.PluginException;
import java.util.List;

/** A field name no loaded plugin declares (nor the host), with the closest names it knows. */
public final class UnknownFieldException extends PluginException {
    private static final long serialVersionUID = 1L;

    private final List<String> suggestions;

    public UnknownFieldException(String message, List<String> suggestions) {
        super(message);
        this.suggestions = List.copyOf(suggestions);
    }

    /** The closest known names, nearest first; empty when none is near. */
    public List<String> suggestions() {
        return suggestions;
    }
}

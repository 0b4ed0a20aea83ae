package dev.scapula.capture.manifest;

import java.nio.charset.StandardCharsets;

/**
 * The rule for a plugin name that comes from a capture: only a name, never a path, so looking it
 * up as {@code libNAME.so} in a plugin directory can only ever find a file in that directory.
 */
public final class PluginName {
    /** Longest name in UTF-8 bytes: a file name of {@code lib} + NAME + {@code .so} must still fit NAME_MAX. */
    public static final int MAX_BYTES = 255;

    private PluginName() {
    }

    /** What is wrong with {@code name} as a plugin name, or null when it is a plain name. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an empty plugin name";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "a plugin name of " + bytes + " bytes (at most " + MAX_BYTES + ")";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "a path where a plugin name belongs (it holds a " + (name.indexOf('/') >= 0 ? "'/'" : "'\\'") + ")";
        }
        if (name.contains("..")) {
            return "a plugin name holding '..'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return "a plugin name holding a NUL byte at character " + i;
            }
            if (Character.isISOControl(c)) {
                return String.format("a plugin name holding the control character U+%04X at character %d", (int) c, i);
            }
        }
        return null;
    }
}

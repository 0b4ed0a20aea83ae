package dev.scapula.plugin.load;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.scapula.plugin.PluginException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One plugin shared library opened with {@code dlopen(RTLD_NOW | RTLD_LOCAL)}, as the framework
 * opens it, so two versions load side by side from two files; closed exactly once.
 */
public final class PluginLibrary implements AutoCloseable {
    private static final int RTLD_NOW = 2;
    private static final int RTLD_LOCAL = 0;
    /** An option JNA ignores but keys its library cache on: one value per load. */
    private static final String INSTANCE_OPTION = "scapula.load";
    /** The symbols every plugin must export, in the order the framework checks them. */
    public static final List<String> REQUIRED = List.of("plugin_get_required_api_version", "plugin_get_version",
            "plugin_get_name", "plugin_get_description", "plugin_get_contact", "plugin_init", "plugin_destroy",
            "plugin_get_last_error");

    private final Path path;
    private final NativeLibrary library;
    private final Map<String, Optional<Function>> functions = new HashMap<>();
    private boolean closed;

    private PluginLibrary(Path path, NativeLibrary library) {
        this.path = path;
        this.library = library;
    }

    /** Opens the library and checks that every required symbol is exported. */
    public static PluginLibrary open(Path path) throws PluginException {
        if (!Files.isRegularFile(path)) {
            throw new PluginException(path + ": no such plugin file");
        }
        refuseWhatIsNotElf(path);
        NativeLibrary lib;
        try {
            // JNA shares one NativeLibrary per name and options, and closing it dlcloses for every
            // user: a key of our own gives each load its own dlopen, which the OS counts, so
            // closing one plugin never unloads another loaded from the same path.
            lib = NativeLibrary.getInstance(path.toAbsolutePath().toString(),
                    Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_LOCAL, INSTANCE_OPTION,
                            UUID.randomUUID().toString()));
        } catch (UnsatisfiedLinkError e) {
            throw new PluginException(path + ": cannot load the shared library: " + loaderReason(path, e), e);
        }
        PluginLibrary pl = new PluginLibrary(path, lib);
        List<String> missing = REQUIRED.stream().filter(s -> pl.function(s).isEmpty()).toList();
        if (!missing.isEmpty()) {
            pl.close();
            throw new PluginException(path + ": not a Falco plugin: missing required symbols " + missing);
        }
        return pl;
    }

    /** A text file or a script given as a plugin gets a plain word, not the loader's dump of tried paths. */
    private static void refuseWhatIsNotElf(Path path) throws PluginException {
        byte[] head = new byte[4];
        int n;
        try (var in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new PluginException(path + ": permission denied", e);
        } catch (java.io.IOException e) {
            throw new PluginException(path + ": cannot read: " + e.getMessage(), e);
        }
        if (n < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < n; i++) {
                hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
            }
            throw new PluginException(path + ": not a shared library (ELF): "
                    + (n == 0 ? "the file is empty" : "it starts with " + hex + ", not 7f 45 4c 46"));
        }
    }

    /**
     * The dynamic loader's own reason from JNA's message, which repeats it once per path tried and
     * appends where it looked in its own jar; the reason (a missing dependency, a wrong ELF class)
     * is what a user can act on.
     */
    static String loaderReason(Path path, UnsatisfiedLinkError e) {
        String absolute = path.toAbsolutePath().toString();
        String m = e.getMessage() == null ? "" : e.getMessage();
        for (String line : m.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Unable to load library") || l.startsWith("Native library")) {
                continue;
            }
            return l.startsWith(absolute + ": ") ? l.substring(absolute.length() + 2) : l;
        }
        return "the dynamic loader refused it";
    }

    public Path path() {
        return path;
    }

    /** The exported function, if the plugin has it. */
    public Optional<Function> function(String symbol) {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
        return functions.computeIfAbsent(symbol, s -> {
            try {
                return Optional.of(library.getFunction(s));
            } catch (UnsatisfiedLinkError e) {
                return Optional.empty();
            }
        });
    }

    /** The exported function, or an error naming the plugin and the symbol. */
    public Function require(String symbol) throws PluginException {
        return function(symbol).orElseThrow(() -> new PluginException(path + ": does not export " + symbol));
    }

    public boolean exports(String symbol) {
        return function(symbol).isPresent();
    }

    /**
     * The capabilities the exported symbols give, refusing a capability exported only in part
     * (the error names the missing symbols).
     */
    public Set<Capability> capabilities() throws PluginException {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            List<String> missing = c.symbols().stream().filter(s -> !exports(s)).toList();
            if (missing.isEmpty()) {
                caps.add(c);
            } else if (c.triggers().stream().anyMatch(this::exports)) {
                throw new PluginException(path + ": exports the " + c.name().toLowerCase().replace('_', ' ')
                        + " capability only in part: missing " + missing);
            }
        }
        return caps;
    }

    /** Calls a {@code const char* f(void)} function; null when it returns NULL. */
    public String string(String symbol) throws PluginException {
        Pointer p = (Pointer) require(symbol).invoke(Pointer.class, new Object[0]);
        return p == null ? null : p.getString(0, "UTF-8");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        library.close();
    }
}

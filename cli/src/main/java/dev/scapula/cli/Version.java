package dev.scapula.cli;

import dev.scapula.plugin.load.ApiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The version printed by {@code --version}: scapula's, the commit it was built from, the plugin API it hosts and the Java runtime. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"scapula " + current(), "commit " + commit(),
            "plugin API " + ApiVersion.HOST.major() + "." + ApiVersion.HOST.minor() + " (hosts plugins requiring 3.0 to "
                    + ApiVersion.HOST.major() + "." + ApiVersion.HOST.minor() + ")",
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.home") + ")"};
    }

    /** The implementation version of the running build, or "dev". */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The git commit the build came from ("-dirty" with uncommitted changes), or "unknown". */
    static String commit() {
        try (InputStream in = Version.class.getResourceAsStream("git-commit.txt")) {
            String id = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? "unknown" : id;
        } catch (IOException e) {
            return "unknown";
        }
    }
}

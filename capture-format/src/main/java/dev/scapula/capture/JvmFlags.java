package dev.scapula.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JVM flags every scapula JVM is started with, as the build wrote them from the parent pom
 * (one list for the launcher, the isolation worker and the benches): pass them to any child JVM
 * that runs scapula code.
 */
public final class JvmFlags {
    private JvmFlags() {
    }

    /** The flags in order; the launcher reads the same file. */
    public static List<String> all() {
        try (InputStream in = JvmFlags.class.getResourceAsStream("jvm.options")) {
            if (in == null) {
                throw new IllegalStateException("jvm.options is missing from the capture-format jar (a broken build)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return List.of(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jvm.options", e);
        }
    }
}

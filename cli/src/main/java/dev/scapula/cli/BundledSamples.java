package dev.scapula.cli;

import dev.scapula.capture.io.RunTemp;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The bundled sample plugins as commands use them: copies out of the jar go to this run's private folder. */
public final class BundledSamples {
    private BundledSamples() {
    }

    /** The sample plugin's file (see {@link SamplePlugins#path(String, Path)}). */
    public static Path path(String name) {
        return SamplePlugins.path(name, folder());
    }

    /** This run's temporary folder, for the sample-captures calls that take one. */
    public static Path folder() {
        try {
            return RunTemp.current().dir();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}

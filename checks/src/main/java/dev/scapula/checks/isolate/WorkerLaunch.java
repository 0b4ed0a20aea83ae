package dev.scapula.checks.isolate;

import java.io.OutputStream;

/**
 * How a {@link Worker} is started and heard: the class whose {@code main} the child JVM runs, and
 * the streams its stdout and stderr are copied to byte for byte (the running command's own, so
 * that what the child prints lands where the command's text does).
 */
public record WorkerLaunch(Class<?> entryPoint, OutputStream out, OutputStream err) {
}

package dev.scapula.capture;

import net.openhft.posix.PosixAPI;

/**
 * Settings of the off-heap buffer library (Chronicle Bytes) that a process's entry point applies
 * before the first buffer is made: call {@link #prepare()} first thing in {@code main}.
 */
public final class OffHeapLibrary {
    private OffHeapLibrary() {
    }

    /**
     * Tells Chronicle not to bind its POSIX calls. Its start-up otherwise loads jnr-ffi and
     * assembles a native stub per libc function, which scapula never calls (its buffers use
     * plain native memory): measured as whole processes, that was about a fifth of the CPU time
     * of {@code info} on a small capture, and a 31 MB compiler arena, the peak of a recording's
     * memory, when the JIT compiled jnr's assembler.
     */
    public static void prepare() {
        PosixAPI.useNoOpPosixApi();
    }
}

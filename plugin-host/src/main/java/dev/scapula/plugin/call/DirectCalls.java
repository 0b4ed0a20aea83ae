package dev.scapula.plugin.call;

import com.sun.jna.Pointer;
import dev.scapula.capture.io.RunTemp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Calls a plugin function by address on the per-event paths, through JNI methods of scapula's
 * own small C library (built with the module): about 15 ns a call, where JNA's direct mapping
 * cost about 250 ns and its generic {@code Function.invoke} about 750 ns. JNA still loads the
 * plugins, finds their symbols and makes every other call.
 *
 * <p>Arguments are raw addresses ({@link Pointer#nativeValue}); the callee's signature must be
 * the one the method names.
 */
public final class DirectCalls {
    private static final String LIBRARY = "libscapula_calls.so";

    static {
        System.load(library().toString());
    }

    private DirectCalls() {
    }

    /** {@code int32_t fn(void*, void*, void*)}: extract_fields and parse_event. */
    public static native int call3(long fn, long a, long b, long c);

    /** {@code int32_t fn(void*, void*, void*, void*)}: next_batch. */
    public static native int call4(long fn, long a, long b, long c, long d);

    /**
     * {@code next_batch(state, instance, &nevts, &evts)} and what is read after it, in one call:
     * {@code out[0]} the count, {@code out[1]} the event array, {@code out[2]} 1 when
     * {@code out[3 + 2i]} and {@code out[4 + 2i]} hold event i's address and its header's len
     * (signed; 0 for a NULL event), which {@code out} must have room for; 0 otherwise.
     */
    public static native int nextBatch(long fn, long state, long instance, long[] out);

    /**
     * {@code table_digest.c}: digests a state table through its own {@code list_table_fields},
     * {@code get_table_field}, {@code iterate_entries} and {@code read_entry_field}, as the
     * {@code digest_call} struct at {@code call} names them, writing the digest there; returns a
     * status code.
     */
    public static native int digestTable(long call);

    /** The address of a pointer, 0 for NULL. */
    public static long address(Pointer p) {
        return p == null ? 0 : Pointer.nativeValue(p);
    }

    /** The library file: in the classes directory, or copied out of the jar once per process. */
    private static Path library() {
        URL url = DirectCalls.class.getResource(LIBRARY);
        if (url == null) {
            throw new IllegalStateException(LIBRARY + " is missing: the plugin-host build compiles it with gcc");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = RunTemp.current().file("calls-", ".so");
            try (InputStream in = url.openStream(); OutputStream out = Files.newOutputStream(copy)) {
                in.transferTo(out); // into the 0600 file itself: a replacing copy would widen its mode
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + LIBRARY, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a file URI", e);
        }
    }

    /**
     * The recorder's fast path ({@code plugin_calls.c}): {@code next_batch} called until a stop,
     * and each event that passes the source engine's checks written at a destination address as a
     * stamped event block; {@code io} holds what is asked and receives what was done, in the slots
     * {@link dev.scapula.plugin.source.StagedBatches} names. Returns the last call's status code.
     */
    public static native int nextBatchesInto(long fn, long state, long instance, long[] io);

    /**
     * {@code extract_fields(state, event_input, extract_input)} and its results copied into
     * {@code out} ({@code cap} bytes) in the same call, as {@code plugin_calls.c} lays them out,
     * given the field types at {@code kinds}; returns the plugin's return code.
     */
    public static native int extractCopy(long fn, long state, long event, long input, long kinds, long out, int cap);

    /** {@code memcpy(to, from, length)} between two native blocks the caller owns or may read. */
    public static native void copyMemory(long from, long to, long length);

    /**
     * {@link #extractCopy} made twice in a row on one event (the second only when the first
     * succeeded and was copied), as {@code plugin_calls.c} lays the two results out; returns the
     * first call's return code.
     */
    public static native int extractCopyTwice(long fn, long state, long event, long input, long kinds, long out,
            int cap);
}

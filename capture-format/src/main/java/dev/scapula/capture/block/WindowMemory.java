package dev.scapula.capture.block;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * The memory behind a {@link BlockReader}'s window: a heap buffer, or native memory freed as soon
 * as the reader lets go of it, which is what gives events an address to hand to plugins.
 *
 * <p>Both kinds refuse more than the JVM's direct-memory limit for one window, so a block length
 * a file claims cannot take more memory than {@code -XX:MaxDirectMemorySize} allows.
 */
abstract class WindowMemory {
    /** Windows up to this size are never checked against the limit (asking the JVM costs start-up time). */
    private static final int UNCHECKED = 1 << 20;

    abstract ByteBuffer buffer();

    abstract boolean isNative();

    /** The address of byte 0; native memory only. */
    abstract long address();

    /** Memory of the same kind, {@code capacity} bytes. */
    abstract WindowMemory sameKind(int capacity);

    /** Gives the memory back; the buffer must not be used after. */
    abstract void free();

    static WindowMemory heap(int capacity) {
        checkLimit(capacity);
        return new Heap(ByteBuffer.allocate(capacity));
    }

    static WindowMemory offHeap(int capacity) {
        checkLimit(capacity);
        return new OffHeap(new Memory(capacity), capacity);
    }

    /** Throws {@link OutOfMemoryError}, as the JDK's direct buffers do, past the direct-memory limit. */
    private static void checkLimit(int capacity) {
        if (capacity <= UNCHECKED) {
            return;
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long limit = Long.parseLong(vm.getVMOption("MaxDirectMemorySize").getValue());
        if (limit == 0) {
            limit = Runtime.getRuntime().maxMemory(); // the JVM's own default for direct memory
        }
        if (capacity > limit) {
            throw new OutOfMemoryError("Cannot reserve " + capacity + " bytes of direct buffer memory (limit: "
                    + limit + ")");
        }
    }

    /** A window on the heap. */
    private static final class Heap extends WindowMemory {
        private final ByteBuffer buffer;

        Heap(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        ByteBuffer buffer() {
            return buffer;
        }

        @Override
        boolean isNative() {
            return false;
        }

        @Override
        long address() {
            throw new IllegalStateException("a heap window has no native address");
        }

        @Override
        WindowMemory sameKind(int capacity) {
            return heap(capacity);
        }

        @Override
        void free() {
            // the collector takes it
        }
    }

    /** A window in native memory. */
    private static final class OffHeap extends WindowMemory {
        private final Memory memory;
        private final ByteBuffer buffer;

        OffHeap(Memory memory, int capacity) {
            this.memory = memory;
            this.buffer = memory.getByteBuffer(0, capacity);
        }

        @Override
        ByteBuffer buffer() {
            return buffer;
        }

        @Override
        boolean isNative() {
            return true;
        }

        @Override
        long address() {
            return Pointer.nativeValue(memory);
        }

        @Override
        WindowMemory sameKind(int capacity) {
            return offHeap(capacity);
        }

        @Override
        void free() {
            memory.close();
        }
    }
}

package dev.scapula.capture.write;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes a {@link CaptureWriter} has encoded but not yet written: a little-endian heap buffer
 * that grows to fit whatever is appended and is emptied by each write to the file.
 */
final class Staging {
    private ByteBuffer buffer;

    Staging(int capacity) {
        buffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes staged so far. */
    int position() {
        return buffer.position();
    }

    private void room(int n) {
        if (buffer.remaining() >= n) {
            return;
        }
        long need = (long) buffer.position() + n;
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot stage " + need + " bytes in one buffer");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, (long) buffer.capacity() * 2));
        ByteBuffer grown = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }

    void writeByte(byte v) {
        room(1);
        buffer.put(v);
    }

    void writeShort(short v) {
        room(2);
        buffer.putShort(v);
    }

    void writeInt(int v) {
        room(4);
        buffer.putInt(v);
    }

    void writeLong(long v) {
        room(8);
        buffer.putLong(v);
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) {
        room(length);
        buffer.put(bytes, offset, length);
    }

    /** Appends {@code length} bytes of native memory from {@code address}, in one copy. */
    void writeNative(long address, int length) {
        room(length);
        int at = buffer.position();
        new Pointer(address).read(0, buffer.array(), buffer.arrayOffset() + at, length);
        buffer.position(at + length);
    }

    /** Overwrites the int at staged byte {@code at}. */
    void putInt(int at, int v) {
        buffer.putInt(at, v);
    }

    /** Overwrites the long at staged byte {@code at}. */
    void putLong(int at, long v) {
        buffer.putLong(at, v);
    }

    /** Copies staged bytes {@code from} to {@code from + length} into {@code out}. */
    void copy(int from, byte[] out, int length) {
        buffer.get(from, out, 0, length);
    }

    /** The staged bytes as a buffer to drain (position 0, limit at the end); {@link #clear} once drained. */
    ByteBuffer toDrain() {
        return buffer.duplicate().flip();
    }

    void clear() {
        buffer.clear();
    }
}

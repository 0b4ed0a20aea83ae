package dev.scapula.capture.block;

import dev.scapula.capture.CaptureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The body of one block (between the 8-byte header and the trailer), read with bounds checks
 * in the section's byte order; every failed check names the byte offset in the file.
 *
 * <p>It is a view on the reader's buffer, reused for every block: valid only until the reader
 * moves on.
 */
public final class BlockBody {
    private final String file;
    private ByteBuffer buffer;
    private int base;
    private int length;
    private long blockOffset;
    private long blockNumber;
    private int blockType;

    BlockBody(String file) {
        this.file = file;
    }

    /** Points this view at the reader's current block; one view is reused for every block. */
    void reset(ByteBuffer buffer, int base, int length, long blockOffset, long blockNumber, int blockType) {
        this.buffer = buffer;
        this.base = base;
        this.length = length;
        this.blockOffset = blockOffset;
        this.blockNumber = blockNumber;
        this.blockType = blockType;
    }

    /** Number of body bytes, padding included. */
    public int length() {
        return length;
    }

    public ByteOrder order() {
        return buffer.order();
    }

    /** The underlying buffer; its absolute index of body byte 0 is {@link #base()}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int base() {
        return base;
    }

    /** The byte offset in the (uncompressed) file of body byte 0. */
    public long fileOffset() {
        return blockOffset + BlockReader.HEADER_LENGTH;
    }

    public int u8(int pos, String field) throws CaptureException {
        check(pos, 1, field);
        return buffer.get(base + pos) & 0xff;
    }

    public int u16(int pos, String field) throws CaptureException {
        check(pos, 2, field);
        return buffer.getShort(base + pos) & 0xffff;
    }

    public long u32(int pos, String field) throws CaptureException {
        check(pos, 4, field);
        return buffer.getInt(base + pos) & 0xffffffffL;
    }

    public long u64(int pos, String field) throws CaptureException {
        check(pos, 8, field);
        return buffer.getLong(base + pos);
    }

    public byte[] bytes(int pos, int count, String field) throws CaptureException {
        check(pos, count, field);
        byte[] out = new byte[count];
        buffer.get(base + pos, out);
        return out;
    }

    /** Text of {@code count} bytes, cut at the first NUL (libscap's strings may or may not carry one). */
    public String text(int pos, int count, String field) throws CaptureException {
        byte[] raw = bytes(pos, count, field);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /** An error at body offset {@code pos}, saying what was expected there. */
    public CaptureException error(int pos, String detail) {
        return new CaptureException(file, blockOffset + BlockReader.HEADER_LENGTH + pos, blockNumber,
                BlockType.name(blockType), detail);
    }

    private void check(int pos, int count, String field) throws CaptureException {
        if (pos < 0 || count < 0 || (long) pos + count > length) {
            throw error(Math.max(pos, 0), "expected " + count + " bytes of " + field + " at body offset " + pos
                    + " but the block body has only " + length + " bytes");
        }
    }

    /** A cursor that reads this body front to back. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** Sequential reads over the body; each read advances the position. */
    public final class Cursor {
        private int pos;

        public int position() {
            return pos;
        }

        public void position(int newPos) {
            pos = newPos;
        }

        public int remaining() {
            return length - pos;
        }

        public int u8(String field) throws CaptureException {
            int v = BlockBody.this.u8(pos, field);
            pos += 1;
            return v;
        }

        public int u16(String field) throws CaptureException {
            int v = BlockBody.this.u16(pos, field);
            pos += 2;
            return v;
        }

        public long u32(String field) throws CaptureException {
            long v = BlockBody.this.u32(pos, field);
            pos += 4;
            return v;
        }

        public long u64(String field) throws CaptureException {
            long v = BlockBody.this.u64(pos, field);
            pos += 8;
            return v;
        }

        public byte[] bytes(int count, String field) throws CaptureException {
            byte[] v = BlockBody.this.bytes(pos, count, field);
            pos += count;
            return v;
        }

        public String text(int count, String field) throws CaptureException {
            String v = BlockBody.this.text(pos, count, field);
            pos += count;
            return v;
        }

        /** A string stored as {@code u16 length} then that many bytes, refused past {@code max}. */
        public String lengthPrefixedText(int max, String field) throws CaptureException {
            int start = pos;
            int len = u16(field + " length");
            if (len > max) {
                throw BlockBody.this.error(start, "invalid " + field + " length " + len + " (at most " + max + " expected)");
            }
            return text(len, field);
        }

        /** Bytes stored as {@code u16 length} then that many bytes, refused past {@code max}. */
        public byte[] lengthPrefixedBytes(int max, String field) throws CaptureException {
            int start = pos;
            int len = u16(field + " length");
            if (len > max) {
                throw BlockBody.this.error(start, "invalid " + field + " length " + len + " (at most " + max
                        + " expected)");
            }
            return bytes(len, field);
        }

        public void skip(int count, String field) throws CaptureException {
            check(pos, count, field);
            pos += count;
        }

        public CaptureException error(String detail) {
            return BlockBody.this.error(pos, detail);
        }
    }
}

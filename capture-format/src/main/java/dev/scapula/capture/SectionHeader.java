package dev.scapula.capture;

import java.nio.ByteOrder;

/**
 * One section header block: the format version and byte order that the blocks after it use.
 *
 * <pre>
 * body: u32 magic 0x1A2B3C4D | u16 major | u16 minor | u64 section_length (-1: unspecified) | options
 * </pre>
 */
public record SectionHeader(long offset, int major, int minor, ByteOrder byteOrder, long sectionLength,
        int optionBytes) {
    public static final int BODY_LENGTH = 16;
    public static final int MAGIC_OFFSET = 0;
    public static final int MAJOR_OFFSET = 4;
    public static final int MINOR_OFFSET = 6;
    public static final int SECTION_LENGTH_OFFSET = 8;
    /** libscap refuses newer majors; minors are never checked. */
    public static final int SUPPORTED_MAJOR = 1;

    public String version() {
        return major + "." + minor;
    }

    public String byteOrderName() {
        return byteOrder == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian";
    }
}

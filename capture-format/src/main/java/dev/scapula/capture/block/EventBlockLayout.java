package dev.scapula.capture.block;

import dev.scapula.capture.event.EventHeader;

/**
 * Where an event block keeps its event and the event its length, shared by the block reader
 * (which checks the length before pulling in a large block) and the event decoder.
 *
 * <pre>
 * event block body:  u16 cpuid | [u32 flags, EVF blocks only] | event
 * event:             see EventHeader
 * </pre>
 */
public final class EventBlockLayout {
    public static final int CPUID_LENGTH = 2;
    public static final int FLAGS_LENGTH = 4;

    private EventBlockLayout() {
    }

    /** Bytes between the block header and the event: cpuid, and flags in EVF blocks. */
    public static int eventOffset(int blockType) {
        return CPUID_LENGTH + (BlockType.hasEventFlags(blockType) ? FLAGS_LENGTH : 0);
    }

    /**
     * Why a v2 event of length {@code len} cannot sit in {@code available} bytes after cpuid and
     * flags, as libscap's {@code validate_v2_event} words it; null when it can.
     */
    public static String v2LengthProblem(long len, long available) {
        if (len < EventHeader.LENGTH) {
            return "invalid event: len " + len + " is smaller than the event header size " + EventHeader.LENGTH;
        }
        if (len > available) {
            return "invalid event: len " + len + " is larger than the " + available + " bytes available in the block";
        }
        return null;
    }
}

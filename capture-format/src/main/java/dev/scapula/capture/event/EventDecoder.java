package dev.scapula.capture.event;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockReader;
import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.block.EventBlockLayout;
import java.nio.ByteBuffer;

/**
 * Decodes the event in an event block into an {@link Event} view, applying libscap's own
 * checks ({@code validate_v2_event}) and its v1-to-v2 conversion.
 */
public final class EventDecoder {
    private final EventTypes types;
    private final Event event;

    public EventDecoder(EventTypes types) {
        this.types = types;
        this.event = new Event(types);
    }

    /** Decodes the reader's current block, which must be an event block, as event {@code number}. */
    public Event decode(BlockReader reader, long number) throws CaptureException {
        BlockBody body = reader.body();
        int blockType = reader.type();
        ByteBuffer buf = body.buffer();
        int header = EventBlockLayout.eventOffset(blockType);
        Event e = event;
        e.bind(buf, reader.store());
        e.file = reader.input().name();
        e.number = number;
        e.fileOffset = reader.offset();
        e.blockNumber = reader.number();
        e.blockType = blockType;
        e.cpuId = body.u16(0, "cpuid");
        e.flags = header > EventBlockLayout.CPUID_LENGTH ? (int) body.u32(EventBlockLayout.CPUID_LENGTH, "flags") : 0;
        e.v1 = BlockType.hasV1EventHeader(blockType);
        int available = body.length() - header;
        int ev = body.base() + header;
        e.eventIndex = ev;
        int minHeader = e.v1 ? EventHeader.V1_LENGTH : EventHeader.LENGTH;
        if (available < minHeader) {
            throw body.error(header, "invalid event: the block has " + available + " bytes after cpuid"
                    + (header > EventBlockLayout.CPUID_LENGTH ? " and flags" : "") + ", fewer than the " + minHeader
                    + "-byte event header");
        }
        e.timestamp = buf.getLong(ev + EventHeader.TS);
        e.threadId = buf.getLong(ev + EventHeader.TID);
        long len = buf.getInt(ev + EventHeader.LEN) & 0xffffffffL;
        e.type = buf.getShort(ev + EventHeader.TYPE) & 0xffff;
        if (e.v1) {
            decodeV1(body, e, header, len, available);
        } else {
            decodeV2(body, e, header, len, available);
        }
        return e;
    }

    private void decodeV2(BlockBody body, Event e, int header, long len, int available) throws CaptureException {
        ByteBuffer buf = body.buffer();
        int ev = e.eventIndex;
        String lengthProblem = EventBlockLayout.v2LengthProblem(len, available);
        if (lengthProblem != null) {
            throw body.error(header + EventHeader.LEN, lengthProblem);
        }
        long nparams = buf.getInt(ev + EventHeader.NPARAMS) & 0xffffffffL;
        int width = types.isLarge(e.type) ? 4 : 2;
        if (EventHeader.LENGTH + nparams * width > len) {
            throw body.error(header + EventHeader.NPARAMS, "invalid event: nparams " + nparams
                    + " does not fit in event len " + len + " (" + width + "-byte lengths for type " + e.type
                    + ")");
        }
        fillParams(body, e, header, (int) nparams, width, EventHeader.LENGTH, (int) len);
        e.length = (int) len;
    }

    private void decodeV1(BlockBody body, Event e, int header, long len, int available) throws CaptureException {
        ByteBuffer buf = body.buffer();
        int ev = e.eventIndex;
        if (types.isLarge(e.type)) {
            throw body.error(header + EventHeader.TYPE, "cannot convert v1 event block to v2: type " + e.type
                    + " (" + types.name(e.type) + ") has u32 parameter lengths, which v1 events cannot hold");
        }
        if (len < EventHeader.V1_LENGTH || len > available) {
            throw body.error(header + EventHeader.LEN, "invalid v1 event: len " + len + " is outside "
                    + EventHeader.V1_LENGTH + ".." + available + " (header size to bytes in the block)");
        }
        // v1 has no nparams: like libscap, try the table's count downwards until the lengths add up.
        long effective = EventTypes.V1_LENGTH_THREE_TOO_LONG.contains(e.type) ? len - 3 : len;
        int declared = types.paramCount(e.type);
        int found = -1;
        for (int n = declared; n >= 0 && found < 0; n--) {
            long end = EventHeader.V1_LENGTH + 2L * n;
            if (end > effective) {
                continue;
            }
            long sum = end;
            for (int i = 0; i < n; i++) {
                sum += buf.getShort(ev + EventHeader.V1_LENGTH + 2 * i) & 0xffff;
            }
            if (sum < effective) {
                break; // libscap gives up at the first count whose values end short of len
            }
            if (sum == effective) {
                found = n;
            }
        }
        if (found < 0) {
            throw body.error(header, "cannot convert v1 event block to v2 (corrupted trace file - can't calculate "
                    + "nparams for type " + e.type + " " + types.name(e.type) + ", len " + len + ")");
        }
        fillParams(body, e, header, found, 2, EventHeader.V1_LENGTH, (int) effective);
        e.length = (int) effective + 4;
    }

    private static void fillParams(BlockBody body, Event e, int header, int nparams, int width, int lensAt, int len)
            throws CaptureException {
        ByteBuffer buf = body.buffer();
        int ev = e.eventIndex;
        e.ensureParams(nparams);
        int data = lensAt + nparams * width;
        for (int i = 0; i < nparams; i++) {
            int at = ev + lensAt + i * width;
            long pl = width == 4 ? buf.getInt(at) & 0xffffffffL : buf.getShort(at) & 0xffff;
            if (data + pl > len) {
                throw body.error(header + lensAt + i * width, "invalid event: param " + i + " len " + pl
                        + " exceeds event len " + len);
            }
            e.paramIndex[i] = ev + data;
            e.paramLength[i] = (int) pl;
            data += (int) pl;
        }
        e.paramCount = nparams;
    }

}

package dev.scapula.capture.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockReader;
import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.EventDecoder;
import dev.scapula.capture.event.EventTypes;
import dev.scapula.capture.io.CaptureInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Arbitrary event block bodies, framed in a valid section so they reach the decoder: the first
 * byte picks one of the seven event block types, the rest is the body (cpuid, flags, event).
 * A decoded event's parameters lie inside its length and every accessor answers or refuses
 * with our own error; anything else is a finding.
 */
class EventDecoderFuzzTest {
    private static final int[] EVENT_BLOCKS = {BlockType.EVENT, BlockType.EVENT_INT, BlockType.EVENT_FLAGS,
        BlockType.EVENT_V2, BlockType.EVENT_FLAGS_V2, BlockType.EVENT_V2_LARGE, BlockType.EVENT_FLAGS_V2_LARGE};

    private final EventDecoder decoder = new EventDecoder(EventTypes.standard());

    @FuzzTest(maxDuration = "20s")
    void decodesAnyEventBlockOrFailsWithItsOwnError(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int type = EVENT_BLOCKS[Math.floorMod(data[0], EVENT_BLOCKS.length)];
        byte[] file = Frames.sectionWithBlock(type, data, 1);
        try (BlockReader r = new BlockReader(CaptureInput.fromStream("fuzz", new ByteArrayInputStream(file)))) {
            r.next();
            if (!r.next()) {
                throw new AssertionError("the framed event block was not read");
            }
            Event e = decoder.decode(r, 1);
            check(e, r.body().length());
        } catch (CaptureException expected) {
            // our own error, with offsets: the contract
        }
    }

    private static void check(Event e, int bodyLength) {
        long params = 0;
        for (int i = 0; i < e.paramCount(); i++) {
            params += e.paramLength(i);
            if (e.paramBytes(i).length != e.paramLength(i) || e.paramView(i).readRemaining() != e.paramLength(i)) {
                throw new AssertionError("parameter " + i + " copies differ from its length " + e.paramLength(i));
            }
            e.paramText(i);
        }
        if (e.length() > bodyLength + 4 || params > e.length()) {
            throw new AssertionError("event of length " + e.length() + " with " + params
                    + " parameter bytes in a block body of " + bodyLength);
        }
        e.timestamp();
        e.threadId();
        e.typeName();
        e.copy();
        try {
            if (e.isPluginEvent() || e.isAsyncEvent()) {
                e.pluginId();
            }
            if (e.isPluginEvent()) {
                e.asPluginEvent();
            }
            if (e.isAsyncEvent()) {
                e.asAsyncEvent();
            }
        } catch (CaptureException expected) {
            // the event is not the plugin or async event its type says: refused with its number
        }
    }
}

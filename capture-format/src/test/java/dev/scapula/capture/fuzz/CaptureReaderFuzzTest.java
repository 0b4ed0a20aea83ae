package dev.scapula.capture.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scapula.capture.CaptureException;
import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.io.CaptureInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Arbitrary bytes, as a pipe and as a file, either read to the end or end in our own
 * {@link CaptureException}: any other exception, a hang or an out-of-memory is a finding.
 */
class CaptureReaderFuzzTest {
    private static final Path SCRATCH = Frames.scratchFile("scapula-fuzz");

    @FuzzTest(maxDuration = "20s")
    void readsAnyBytesOrFailsWithItsOwnError(byte[] data) throws IOException {
        try (CaptureReader r = CaptureReader.open(CaptureInput.fromStream("fuzz", new ByteArrayInputStream(data)))) {
            drain(r);
        } catch (CaptureException expected) {
            // our own error, with offsets: the contract
        }
        Files.write(SCRATCH, data);
        try (CaptureReader r = CaptureReader.open(SCRATCH)) {
            drain(r);
        } catch (CaptureException expected) {
            // our own error, with offsets: the contract
        }
    }

    private static void drain(CaptureReader r) throws IOException {
        for (Event e = r.next(); e != null; e = r.next()) {
            e.timestamp();
            e.typeName();
            for (int i = 0; i < e.paramCount(); i++) {
                e.paramBytes(i);
                e.paramView(i).readRemaining();
            }
            if (e.isPluginEvent() && e.paramCount() == 2) {
                e.asPluginEvent();
            }
            if (e.isAsyncEvent() && e.paramCount() == 3) {
                e.asAsyncEvent();
            }
            e.copy();
        }
        r.metadata();
        r.manifest();
    }
}

package dev.scapula.capture.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scapula.capture.expect.ExpectFileException;
import dev.scapula.capture.expect.ExpectReader;
import dev.scapula.capture.expect.ExpectedValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;

/**
 * Arbitrary live values sidecars. When the first byte is odd the rest follows a valid header
 * (fields f.a and f.b), so the fuzzer reaches the event lines; otherwise it is the whole file.
 * Whatever the reader returns must be what a sidecar promises (increasing event numbers, every
 * header field and no other on every event, at most one cut line, at the end); anything but the
 * reader's own error is a finding.
 *
 * <pre>
 * odd first byte:  {"scapula_expect":2,...,"fields":["f.a","f.b"]}\n data[1..]
 * even first byte: data[1..]
 * </pre>
 */
class ExpectReaderFuzzTest {
    private static final byte[] HEADER = ("{\"scapula_expect\":2,\"capture\":\"fuzz.scap\",\"capture_bytes\":100,"
            + "\"capture_sha256\":\"" + "0".repeat(64) + "\",\"fields\":[\"f.a\",\"f.b\"]}\n")
            .getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "20s")
    void readsAnySidecarOrFailsWithItsOwnError(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        boolean withHeader = (data[0] & 1) == 1;
        byte[] file = new byte[(withHeader ? HEADER.length : 0) + data.length - 1];
        if (withHeader) {
            System.arraycopy(HEADER, 0, file, 0, HEADER.length);
        }
        System.arraycopy(data, 1, file, file.length - (data.length - 1), data.length - 1);
        try (ExpectReader r = ExpectReader.read("fuzz", new ByteArrayInputStream(file))) {
            var fields = new HashSet<>(r.fields());
            if (fields.isEmpty()) {
                throw new AssertionError("a header without fields was taken");
            }
            long last = 0;
            for (ExpectedValues v = r.next(); v != null; v = r.next()) {
                if (v.eventNumber() <= last) {
                    throw new AssertionError("event " + v.eventNumber() + " came after " + last);
                }
                if (!v.values().keySet().equals(fields)) {
                    throw new AssertionError("event " + v.eventNumber() + " has fields " + v.values().keySet()
                            + ", the header lists " + fields);
                }
                last = v.eventNumber();
            }
            if (r.truncatedLines() > 1) {
                throw new AssertionError(r.truncatedLines() + " lines counted as cut short");
            }
            if (r.next() != null) {
                throw new AssertionError("a value after the end");
            }
        } catch (ExpectFileException expected) {
            // our own error, with file and line: the contract
        }
    }
}

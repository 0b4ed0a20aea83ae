package dev.scapula.replayer.verify;

import dev.scapula.capture.expect.ExpectReader;
import dev.scapula.capture.expect.ExpectedValues;
import dev.scapula.plugin.extract.FieldValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The live-vs-replay check: the values the recorder extracted live ({@code record --expect},
 * kept beside the capture), read in step with the replay and compared with what the first
 * instance extracts from the same event. Only fields both sides extracted are compared.
 */
final class LiveValues implements AutoCloseable {
    private final ExpectReader reader;
    private final Set<String> ignored;
    private ExpectedValues next;

    private LiveValues(ExpectReader reader, Set<String> ignored) throws IOException {
        this.reader = reader;
        this.ignored = ignored;
        this.next = reader == null ? null : reader.next();
    }

    /** The live values of this capture, or an absent check when it has none. */
    static LiveValues of(Path capture, Set<String> ignored) throws IOException {
        return new LiveValues(ExpectReader.forCapture(capture).orElse(null), ignored);
    }

    boolean present() {
        return reader != null;
    }

    /** Compares the replayed values of event number {@code event} with the live ones, if it has any. */
    void compare(long event, long timestamp, PluginSet set, List<List<FieldValue>> replayed, List<Divergence> found)
            throws IOException {
        while (next != null && next.eventNumber() < event) {
            next = reader.next();
        }
        if (next == null || next.eventNumber() != event) {
            return;
        }
        for (int p = 0; p < replayed.size(); p++) {
            for (FieldValue v : replayed.get(p)) {
                List<String> expected = next.values().get(v.field());
                if (expected == null || ignored.contains(v.field())) {
                    continue;
                }
                List<String> actual = new ArrayList<>();
                v.values().forEach(x -> actual.add(String.valueOf(x)));
                if (!expected.equals(actual)) {
                    found.add(new Divergence(Verifier.LIVE_VS_REPLAY, event, timestamp,
                            set.members.get(p).plugin().name(), "field " + v.field(), expected.toString(),
                            actual.toString()));
                }
            }
        }
        next = reader.next();
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}

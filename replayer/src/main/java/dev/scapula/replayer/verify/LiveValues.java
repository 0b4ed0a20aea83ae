package dev.scapula.replayer.verify;

import dev.scapula.capture.expect.ExpectFileException;
import dev.scapula.capture.expect.ExpectReader;
import dev.scapula.capture.expect.ExpectedValues;
import dev.scapula.plugin.extract.ExtractedValues;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The live-vs-replay check: the values the recorder extracted live ({@code record --expect},
 * kept beside the capture), read in step with the replay and compared with what the first
 * instance extracts from the same event. Only fields both sides extracted are compared; every
 * line of the sidecar must meet a plugin event of the capture (lines past its end are a warning),
 * and a sidecar that compares no event is refused, since it proves nothing.
 */
final class LiveValues implements AutoCloseable {
    private final ExpectReader reader;
    private final Set<String> compared;
    private ExpectedValues next;
    private long nextLine;
    private long lastEvent;
    private long eventsCompared;

    private LiveValues(ExpectReader reader, Set<String> compared) throws IOException {
        this.reader = reader;
        this.compared = compared;
        if (reader != null) {
            advance();
        }
    }

    /**
     * The live values of this capture, or an absent check when it has none or every one of its
     * fields is ignored; sidecar fields the plugins do not extract are noted in {@code advice}.
     *
     * @throws ExpectFileException when the sidecar is damaged, belongs to another capture, or
     *     holds no field a loaded plugin extracts
     */
    static LiveValues of(Path capture, PluginSet set, Set<String> ignored, Advisories advice) throws IOException {
        ExpectReader reader = ExpectReader.forCapture(capture).orElse(null);
        if (reader == null) {
            return new LiveValues(null, Set.of());
        }
        try {
            Set<String> extracted = new LinkedHashSet<>();
            for (PluginSet.Member m : set.members) {
                m.requests().stream().map(FieldRequest::display).forEach(extracted::add);
            }
            List<String> wanted = reader.fields().stream().filter(f -> !ignored.contains(f)).toList();
            if (wanted.isEmpty()) {
                advice.note(reader.name() + ": live-vs-replay not checked: every field of it is ignored "
                        + "(--ignore-field)");
                reader.close();
                return new LiveValues(null, Set.of());
            }
            Set<String> both = new LinkedHashSet<>(wanted);
            both.retainAll(extracted);
            if (both.isEmpty()) {
                throw new ExpectFileException(reader.name(), 1, "no loaded plugin extracts any of its fields ("
                        + String.join(", ", wanted) + "); they extract " + (extracted.isEmpty() ? "none"
                        : String.join(", ", extracted)) + ". Load the plugin that recorded them, or name them "
                        + "with -f (fields with an argument are only extracted when named)");
            }
            List<String> left = wanted.stream().filter(f -> !both.contains(f)).toList();
            if (!left.isEmpty()) {
                advice.note(reader.name() + ": live-vs-replay does not compare " + String.join(", ", left)
                        + ": no loaded plugin extracts " + (left.size() == 1 ? "it" : "them"));
            }
            return new LiveValues(reader, Set.copyOf(both));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    boolean present() {
        return reader != null;
    }

    /** Events whose live and replayed values were compared, on at least one field. */
    long eventsCompared() {
        return eventsCompared;
    }

    /**
     * Compares the replayed values of plugin event number {@code event} (per member of the set,
     * null when it did not extract) with the live ones, if it has any.
     */
    void compare(long event, long timestamp, PluginSet set, ExtractedValues[] replayed, List<Divergence> found)
            throws IOException {
        if (reader == null) {
            return;
        }
        if (next != null && next.eventNumber() < event) {
            throw notAPluginEvent(event);
        }
        lastEvent = event;
        if (next == null || next.eventNumber() != event) {
            return;
        }
        boolean any = false;
        for (int p = 0; p < replayed.length; p++) {
            // The values are made here, for the events the sidecar has a line for, and no others.
            for (FieldValue v : replayed[p] == null ? List.<FieldValue>of() : replayed[p].values()) {
                List<String> expected = next.values().get(v.field());
                if (expected == null || !compared.contains(v.field())) {
                    continue;
                }
                any = true;
                List<String> actual = new ArrayList<>();
                v.values().forEach(x -> actual.add(String.valueOf(x)));
                if (!expected.equals(actual)) {
                    found.add(new Divergence(Verifier.LIVE_VS_REPLAY, event, timestamp,
                            set.members.get(p).plugin().name(), "field " + v.field(), expected.toString(),
                            actual.toString()));
                }
            }
        }
        if (any) {
            eventsCompared++;
        }
        advance();
    }

    /**
     * After the capture's last event: lines left over name events past the capture's end (read
     * to the end all the same, so a fault in them is still refused); a sidecar that compared
     * nothing is no pass.
     */
    void finish(Advisories advice) throws IOException {
        if (reader == null) {
            return;
        }
        if (next != null) {
            // A recording killed between flushes leaves its sidecar ahead of the capture.
            long fromLine = nextLine;
            long fromEvent = next.eventNumber();
            long left = 0;
            while (next != null) {
                left++;
                advance();
            }
            advice.warn(String.format("%s: %,d line%s from line %,d (event %,d) name%s events after the capture's "
                    + "last plugin event (%,d), not compared: the capture is shorter than the recording these values "
                    + "come from (a recording killed before its last flush leaves them so)", reader.name(), left,
                    left == 1 ? "" : "s", fromLine, fromEvent, left == 1 ? "s" : "", lastEvent));
        }
        if (eventsCompared == 0) {
            throw new ExpectFileException(reader.name(), reader.lineNumber(), "no event compared: "
                    + (nextLine == 0 ? "it has no complete event line" + (reader.truncatedLines() > 0
                            ? " (its last line is cut short)" : "")
                            : "no loaded plugin extracted its fields from the events it names")
                    + "; record the capture again with record --expect");
        }
        if (reader.truncatedLines() > 0) {
            advice.note(reader.name() + ": its last line is cut short (the recording was stopped while writing it); "
                    + "the events before it were compared");
        }
    }

    private ExpectFileException notAPluginEvent(long following) {
        return new ExpectFileException(reader.name(), nextLine, "event " + next.eventNumber() + " is not a plugin "
                + "event of the capture (the plugin events around it: " + (lastEvent == 0 ? "none" : lastEvent)
                + " and " + following + ")");
    }

    private void advance() throws IOException {
        next = reader.next();
        if (next != null) {
            nextLine = reader.lineNumber();
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}

package dev.scapula.replayer.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What checking one capture of a corpus gave: its status, events read, the error that stopped it
 * (null unless {@code error}), per field the events with a value and with a change, and the same
 * report a single-capture run prints (null on error).
 */
public record CaptureResult(String capture, Status status, long events, String error, List<FieldTally> fields,
        JsonNode report) {
    public CaptureResult {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** A capture that could not be read or checked, and why. */
    public static CaptureResult failed(String capture, String error) {
        return new CaptureResult(capture, Status.ERROR, 0, error, List.of(), null);
    }

    /** The verdict on one capture. */
    public enum Status {
        /** Checked, nothing to report. */
        OK,
        /** Checked, and a divergence or change was found. */
        DIFFERENT,
        /** Could not be read or checked; the error says why. */
        ERROR
    }
}

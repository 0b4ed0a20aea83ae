package dev.scapula.replayer.corpus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What checking one capture of a corpus gave: its status, events read, the error that stopped it
 * (null unless {@code error}), and the same report a single-capture run prints (null on error).
 */
public record CaptureResult(String capture, Status status, long events, String error,
        JsonNode report) {

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

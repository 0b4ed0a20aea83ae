package dev.scapula.recorder;

import java.io.IOException;
import java.util.List;

/**
 * A recording that a fault ended part-way (a write or a file creation failed, or the plugin
 * did): the message says what failed and which events are safe on disk, file by file; the
 * cause is the original error.
 */
public final class RecordingFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    /** How many kept files the message names one by one; the rest are counted. */
    private static final int NAMED_FILES = 4;

    private final transient List<KeptFile> kept;
    private final long recordedEvents;

    RecordingFailedException(String what, long recordedEvents, List<KeptFile> kept, Throwable cause) {
        super(what + "; " + safe(recordedEvents, kept), cause);
        this.kept = List.copyOf(kept);
        this.recordedEvents = recordedEvents;
    }

    /** The files left on disk, in the order they were written, with the events a reader gets from each. */
    public List<KeptFile> kept() {
        return kept;
    }

    /** Events a reader gets from all kept files together. */
    public long safeEvents() {
        return kept.stream().mapToLong(KeptFile::events).sum();
    }

    /** Source events the recorder took from the plugin before the fault (async events not included). */
    public long recordedEvents() {
        return recordedEvents;
    }

    private static String safe(long recorded, List<KeptFile> kept) {
        StringBuilder s = new StringBuilder(String.format("the recording stopped after %,d source events. ", recorded));
        long total = kept.stream().mapToLong(KeptFile::events).sum();
        if (kept.isEmpty()) {
            return s.append("No file was written.").toString();
        }
        s.append(String.format("Safe on disk: %,d events in %,d file%s: ", total, kept.size(),
                kept.size() == 1 ? "" : "s"));
        int named = kept.size() <= NAMED_FILES + 1 ? kept.size() : NAMED_FILES;
        // The first files, then the count of the rest, then always the last one: the file the fault hit.
        for (int i = 0; i < named; i++) {
            s.append(i == 0 ? "" : ", ").append(describe(kept.get(i)));
        }
        if (named < kept.size()) {
            long middle = 0;
            for (int i = named; i < kept.size() - 1; i++) {
                middle += kept.get(i).events();
            }
            s.append(String.format(", %,d more complete files (%,d events), ", kept.size() - 1 - named, middle))
                    .append(describe(kept.get(kept.size() - 1)));
        }
        return s.toString();
    }

    private static String describe(KeptFile f) {
        return String.format("%s (%,d events%s)", f.name(), f.events(),
                f.complete() ? ", complete" : ", up to its last complete event");
    }
}

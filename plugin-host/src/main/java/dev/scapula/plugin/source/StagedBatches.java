package dev.scapula.plugin.source;

/**
 * What one {@link SourceInstance#nextBatchesInto} call is asked to do and what it did; one per
 * recording, reused for every call so that the per-batch path allocates nothing.
 *
 * <p>The call stops before the first event that would break a limit given here or fail a check,
 * leaving it and the rest of its batch to {@link SourceInstance#finishBatches}; it also stops
 * after any batch whose status is not SUCCESS.
 */
public final class StagedBatches {
    /** As the stamp: read the system clock (CLOCK_REALTIME, what {@code Clock.systemUTC} reads) per event. */
    public static final long SYSTEM_CLOCK = -1L;

    // The slots, in plugin_calls.c's order (its IO_ enum mirrors them).
    private static final int DEST = 0;
    private static final int ROOM = 1;
    private static final int MAX_EVENTS = 2;
    private static final int MAX_BYTES = 3;
    private static final int TS_LIMIT = 4;
    private static final int MAX_CALLS = 5;
    private static final int PLUGIN_ID = 6;
    private static final int STAMP = 7;
    private static final int RC = 8;
    private static final int EVENTS = 9;
    private static final int BYTES = 10;
    private static final int ARRAY = 11;
    private static final int COUNT = 12;
    private static final int INDEX = 13;
    private static final int SLOTS = 15;

    final long[] io = new long[SLOTS];

    /**
     * Sets the next call's limits: blocks go to {@code dest} (at most {@code room} bytes), at most
     * {@code maxEvents} events, none once {@code maxBytes} bytes were written, none whose stamped
     * timestamp is {@code tsLimit} or later (unsigned; -1: no limit), at most {@code maxCalls}
     * calls of next_batch; events get {@code pluginId}, and unset timestamps {@code stamp}
     * ({@link #SYSTEM_CLOCK}: the clock's reading per event).
     */
    public void ask(long dest, long room, long maxEvents, long maxBytes, long tsLimit, int maxCalls, int pluginId,
            long stamp) {
        io[DEST] = dest;
        io[ROOM] = room;
        io[MAX_EVENTS] = Math.max(0, maxEvents);
        io[MAX_BYTES] = Math.max(0, maxBytes);
        io[TS_LIMIT] = tsLimit;
        io[MAX_CALLS] = maxCalls;
        io[PLUGIN_ID] = pluginId & 0xffffffffL;
        io[STAMP] = stamp;
    }

    /** Events the last call wrote. */
    public long events() {
        return io[EVENTS];
    }

    /** Bytes of event blocks the last call wrote at the destination. */
    public long bytes() {
        return io[BYTES];
    }

    int rc() {
        return (int) io[RC];
    }

    long array() {
        return io[ARRAY];
    }

    long count() {
        return io[COUNT];
    }

    /** The first event of the last batch the call did not write: its count when it wrote them all. */
    int index() {
        return (int) io[INDEX];
    }
}

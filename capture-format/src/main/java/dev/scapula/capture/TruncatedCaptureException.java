package dev.scapula.capture;

/**
 * The capture ends inside a block, as after a crash or a cut download; everything before the
 * offset was delivered and is sound.
 */
public final class TruncatedCaptureException extends CaptureException {
    private static final long serialVersionUID = 1L;

    private final long truncatedAt;
    private final long completeEvents;
    private final String reason;
    private final String blockName;

    public TruncatedCaptureException(String file, long truncatedAt, long blockNumber, String blockName,
            long completeEvents, String detail, Throwable cause) {
        super(file, truncatedAt, blockNumber, blockName,
                "truncated at byte " + truncatedAt + ", " + completeEvents + " complete events read ("
                        + detail + ")",
                cause);
        this.truncatedAt = truncatedAt;
        this.completeEvents = completeEvents;
        this.reason = detail;
        this.blockName = blockName;
    }

    /** Offset of the first byte of the incomplete block. */
    public long truncatedAt() {
        return truncatedAt;
    }

    public long completeEvents() {
        return completeEvents;
    }

    /** The same truncation, counting the events the caller saw. */
    public TruncatedCaptureException withCompleteEvents(long events) {
        return new TruncatedCaptureException(file(), truncatedAt, blockNumber(), blockName, events, reason, getCause());
    }
}

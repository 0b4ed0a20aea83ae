package dev.scapula.plugin.isolate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a {@link CallLog} held at one moment: whether its worker was inside a plugin call, which
 * plugin and call, the event number, the capture, a noted finding and the last fuzz payload.
 *
 * @param inCall      the worker was inside {@code call} of {@code plugin}
 * @param finding     the worker noted {@code message} as a finding and was about to exit
 * @param calls       how many calls the worker had entered: unchanged between two reads means no progress
 * @param progress    events or executions done, as the worker noted them
 * @param eventNumber the event (or fuzz execution) number of the call, -1 for none
 * @param call        the call, null if none was ever entered
 * @param payload     the last payload noted, null if none
 */
public record CallRecord(boolean inCall, boolean finding, long calls, long progress, long eventNumber, PluginCall call,
        String plugin, String capture, String message, byte[] payload) {

    static CallRecord from(ByteBuffer m) {
        int state = m.getInt(CallLog.STATE_AT);
        long calls = m.getLong(CallLog.CALLS_AT);
        int payloadLength = m.getInt(CallLog.PAYLOAD_LENGTH_AT);
        byte[] payload = null;
        if (payloadLength >= 0 && payloadLength <= CallLog.PAYLOAD_CAPACITY) {
            payload = new byte[payloadLength];
            m.get(CallLog.PAYLOAD_AT, payload);
        }
        return new CallRecord(state == CallLog.IN_CALL, state == CallLog.FINDING, calls,
                m.getLong(CallLog.PROGRESS_AT), m.getLong(CallLog.EVENT_AT), calls == 0 && state == CallLog.IDLE ? null
                        : PluginCall.ofOrdinal(m.getInt(CallLog.CALL_AT)),
                text(m, CallLog.PLUGIN_AT, CallLog.PLUGIN_CAPACITY), text(m, CallLog.CAPTURE_AT, CallLog.TEXT_CAPACITY),
                text(m, CallLog.MESSAGE_AT, CallLog.TEXT_CAPACITY), payload);
    }

    private static String text(ByteBuffer m, int at, int capacity) {
        byte[] b = new byte[capacity];
        m.get(at, b);
        int n = 0;
        while (n < capacity && b[n] != 0) {
            n++;
        }
        return n == 0 ? null : new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Records compare by content, the payload included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CallRecord r && inCall == r.inCall && finding == r.finding && calls == r.calls
                && progress == r.progress && eventNumber == r.eventNumber && call == r.call && java.util.Objects.equals(plugin, r.plugin)
                && java.util.Objects.equals(capture, r.capture) && java.util.Objects.equals(message, r.message)
                && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inCall, finding, calls, progress, eventNumber, call, plugin, capture, message)
                * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "CallRecord[" + (inCall ? "in " : finding ? "finding after " : "idle after ")
                + (call == null ? "no call" : call.function()) + " of " + plugin + ", event " + eventNumber
                + ", calls " + calls + ", progress " + progress + ", capture " + capture + (message == null ? "" : ", " + message)
                + (payload == null ? "" : ", payload " + payload.length + " bytes") + "]";
    }
}

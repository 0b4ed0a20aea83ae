package dev.scapula.checks.isolate;

import dev.scapula.plugin.isolate.PluginCall;
import java.nio.file.Path;

/**
 * A plugin that crashed, hung, ran away with memory or returned garbage inside an isolated
 * worker, with what is needed to reproduce it.
 *
 * @param eventNumber the event (fuzz: execution) being handled, -1 when none was
 * @param capture     the capture the event came from, null when none (init, fuzz)
 * @param detail      what happened: the signal and faulting frame, the timeout, the memory, or the host's refusal
 * @param payload     the event's plugin payload (fuzz: the generated payload), null when unknown
 */
public record PluginFailure(Kind kind, String plugin, PluginCall call, long eventNumber, Path capture, String detail,
        byte[] payload) {

    /** What went wrong. */
    public enum Kind {
        CRASH("crashed"), HANG("hung"), MEMORY("ran out of memory"), GARBAGE("returned garbage");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    /** The same failure with another payload (the event's, read back from the capture; or a smaller one). */
    public PluginFailure withPayload(byte[] p) {
        return new PluginFailure(kind, plugin, call, eventNumber, capture, detail, p);
    }

    /** One line: who failed in which call on which event, and how. */
    public String headline() {
        return (plugin == null ? "a plugin" : plugin) + " " + kind.verb() + " in "
                + (call == null ? "an unknown call" : call.function())
                + (eventNumber >= 0 ? (capture == null ? " at execution " : " at event ") + eventNumber : "")
                + (capture == null ? "" : " of " + capture) + ": " + detail;
    }

    /** The same kind of failure in the same call: what minimising a payload must keep. */
    public boolean sameAs(PluginFailure other) {
        return other != null && kind == other.kind && call == other.call;
    }
}

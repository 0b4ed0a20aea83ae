package dev.scapula.cli.cat;

import dev.scapula.cli.output.Payloads;
import java.util.Set;

/**
 * Shows a syscall event parameter by its libscap type: integers as decimal numbers, paths and
 * character buffers as text, anything else as printable text or base64.
 */
final class ParamValues {
    private static final Set<String> SIGNED = Set.of("PT_INT8", "PT_INT16", "PT_INT32", "PT_INT64", "PT_FD",
            "PT_PID", "PT_ERRNO");
    private static final Set<String> UNSIGNED = Set.of("PT_UINT8", "PT_UINT16", "PT_UINT32", "PT_UINT64",
            "PT_FLAGS8", "PT_FLAGS16", "PT_FLAGS32", "PT_ENUMFLAGS8", "PT_ENUMFLAGS16", "PT_ENUMFLAGS32",
            "PT_SYSCALLID", "PT_UID", "PT_GID", "PT_MODE", "PT_SIGTYPE", "PT_RELTIME", "PT_ABSTIME", "PT_PORT",
            "PT_L4PROTO", "PT_SOCKFAMILY", "PT_BOOL", "PT_SIGSET");

    private ParamValues() {
    }

    static EventLine.Param show(String name, String type, byte[] value) {
        int n = value.length;
        boolean integer = n == 1 || n == 2 || n == 4 || n == 8;
        if (integer && (SIGNED.contains(type) || UNSIGNED.contains(type))) {
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (value[i] & 0xff);
            }
            if (SIGNED.contains(type) && n < 8) {
                int shift = 64 - 8 * n;
                v = (v << shift) >> shift;
            }
            String text = SIGNED.contains(type) ? Long.toString(v) : Long.toUnsignedString(v);
            return new EventLine.Param(name, text, "int");
        }
        Payloads.Shown shown = Payloads.show(value);
        return new EventLine.Param(name, shown.value(), shown.encoding().label());
    }
}

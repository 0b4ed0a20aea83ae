package dev.scapula.capture.event;

import java.util.List;

/**
 * One row of the libscap event table: code, name, flags, declared parameters and direction
 * ({@code 'E'} enter, {@code 'X'} exit, {@code '-'} neither).
 */
public record EventType(int code, String name, int flags, int paramCount, List<Param> params, char direction) {
    /** The direction as sysdig prints it: {@code >} for enter, {@code <} for exit. */
    public String arrow() {
        return direction == 'X' ? "<" : ">";
    }

    /** A declared parameter: its name and libscap type ({@code PT_UINT32}, {@code PT_BYTEBUF}, ...). */
    public record Param(String name, String type) {
    }
}

package dev.scapula.capture.event;

import java.util.List;

/**
 * One row of the libscap event table: code, name, flags, declared parameters and direction
 * ({@code 'E'} enter, {@code 'X'} exit, {@code '-'} neither).
 */
public record EventType(int code, String name, int flags, int paramCount, List<Param> params, char direction) {
    /** Copies {@code params} and refuses a row whose parameter count or direction contradicts itself. */
    public EventType {
        params = List.copyOf(params);
        if (paramCount != params.size()) {
            throw new IllegalArgumentException("event type " + code + " (" + name + ") declares " + paramCount
                    + " parameters but lists " + params.size());
        }
        if (direction != 'E' && direction != 'X' && direction != '-') {
            throw new IllegalArgumentException("event type " + code + " (" + name + ") has direction '" + direction
                    + "', expected E, X or -");
        }
    }

    /** The direction as sysdig prints it: {@code >} for enter, {@code <} for exit. */
    public String arrow() {
        return direction == 'X' ? "<" : ">";
    }

    /** A declared parameter: its name and libscap type ({@code PT_UINT32}, {@code PT_BYTEBUF}, ...). */
    public record Param(String name, String type) {
    }
}

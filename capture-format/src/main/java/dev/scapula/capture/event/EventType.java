package dev.scapula.capture.event;

import java.util.List;

/** One row of the libscap event table: code, name, flags and declared parameters. */
public record EventType(int code, String name, int flags, int paramCount, List<Param> params) {
    /** A declared parameter: its name and libscap type ({@code PT_UINT32}, {@code PT_BYTEBUF}, ...). */
    public record Param(String name, String type) {
    }
}

package dev.scapula.cli.cat;

import java.util.List;

/**
 * One event as {@code scapula cat} prints it in JSON: header fields, the plugin id and async name
 * of plugin events, and the payload or parameters shown as text when printable, else base64.
 */
public record EventLine(
        long num,
        String time,
        long ts,
        int type,
        String typeName,
        long tid,
        int cpu,
        Integer flags,
        Long pluginId,
        String asyncName,
        String payload,
        String payloadEncoding,
        Integer payloadLength,
        List<Param> params) {

    /** A parameter of a non-plugin event, with its name from the event table when known. */
    public record Param(String name, String value, String encoding) {
    }
}

package dev.scapula.plugin;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/** A Java string as a NUL-terminated UTF-8 C string in native memory, freed when unreachable. */
public final class NativeString {
    private NativeString() {
    }

    /** Copies {@code text} (null counts as "") into new native memory ending in a NUL byte. */
    public static Memory of(String text) {
        byte[] b = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }
}

package dev.scapula.checks.fuzz;

import dev.scapula.capture.io.NewFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Smaller payloads to try while minimising, and the file the parent hands them to a worker in:
 * a u32 count, then for each a u32 length and the bytes (big-endian, as DataOutputStream writes).
 */
final class Candidates {
    private Candidates() {
    }

    /** Every payload with one chunk removed, for chunk sizes n, n/2, ... 1: shortest first. */
    static List<byte[]> removals(byte[] p) {
        List<byte[]> out = new ArrayList<>();
        for (int chunk = p.length; chunk >= 1; chunk /= 2) {
            for (int at = 0; at < p.length; at += chunk) {
                int cut = Math.min(chunk, p.length - at);
                byte[] c = new byte[p.length - cut];
                System.arraycopy(p, 0, c, 0, at);
                System.arraycopy(p, at + cut, c, at, p.length - at - cut);
                out.add(c);
            }
        }
        out.sort(Comparator.comparingInt(c -> c.length));
        return out;
    }

    static void write(Path file, List<byte[]> candidates) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(NewFiles.newOutputStream(file, true)))) {
            out.writeInt(candidates.size());
            for (byte[] c : candidates) {
                out.writeInt(c.length);
                out.write(c);
            }
        }
    }

    static List<byte[]> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<byte[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] c = new byte[in.readInt()];
                in.readFully(c);
                out.add(c);
            }
            return out;
        }
    }
}

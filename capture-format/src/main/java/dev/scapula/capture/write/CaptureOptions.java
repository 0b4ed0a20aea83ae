package dev.scapula.capture.write;

import dev.scapula.capture.io.Compression;
import dev.scapula.capture.manifest.Manifest;

/**
 * How a capture is written: compression and level (-1 for the codec's default), the 180-byte
 * machine info body (all zeros as libsinsp writes for plugin sources), and the manifest (or null).
 */
public record CaptureOptions(Compression compression, int level, byte[] machineInfo, Manifest manifest) {
    public CaptureOptions {
        machineInfo = machineInfo == null ? new byte[CaptureWriter.MACHINE_INFO_BODY] : machineInfo.clone();
    }

    /** Plain file, zeroed machine info, no manifest. */
    public static CaptureOptions plain() {
        return new CaptureOptions(Compression.NONE, -1, null, null);
    }

    public CaptureOptions withCompression(Compression c) {
        return new CaptureOptions(c, level, machineInfo, manifest);
    }

    public CaptureOptions withManifest(Manifest m) {
        return new CaptureOptions(compression, level, machineInfo, m);
    }

    @Override
    public byte[] machineInfo() {
        return machineInfo.clone();
    }
}

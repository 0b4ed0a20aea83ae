package dev.scapula.capture.meta;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The machine info block: CPUs, memory, hostname and boot time of the machine that recorded.
 *
 * <pre>
 * body, exactly 180 bytes (libscap reads 180 whatever the block length says):
 *   0 u32 num_cpus | 4 u64 memory_size_bytes | 12 u64 max_pid | 20 char[128] hostname (NUL padded)
 *   148 u64 boot_ts_epoch (ns) | 156 u64 flags | 164 u64 reserved3 | 172 u64 reserved4
 * </pre>
 */
public record MachineInfo(int blockType, long numCpus, long memoryBytes, long maxPid, String hostname,
        long bootTimeNanos, long flags) implements MetadataBlock {
    public static final int BODY_LENGTH = 180;
    private static final int NUM_CPUS = 0;
    private static final int MEMORY = 4;
    private static final int MAX_PID = 12;
    private static final int HOSTNAME = 20;
    private static final int HOSTNAME_LENGTH = 128;
    private static final int BOOT_TS = 148;
    private static final int FLAGS = 156;

    static MachineInfo decode(int blockType, BlockBody body) throws CaptureException {
        // libscap reads exactly 180 bytes and then the trailer: any other length breaks it.
        if (body.length() != BODY_LENGTH) {
            throw body.error(0, "machine info body is " + body.length() + " bytes; libscap reads exactly "
                    + BODY_LENGTH + " (a " + (BODY_LENGTH + 12) + "-byte block)");
        }
        return new MachineInfo(blockType, body.u32(NUM_CPUS, "num_cpus"), body.u64(MEMORY, "memory_size_bytes"),
                body.u64(MAX_PID, "max_pid"), body.text(HOSTNAME, HOSTNAME_LENGTH, "hostname"),
                body.u64(BOOT_TS, "boot_ts_epoch"), body.u64(FLAGS, "flags"));
    }

    /** The 180-byte body for this machine info, little-endian, as the writer stores it. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(BODY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(NUM_CPUS, (int) numCpus).putLong(MEMORY, memoryBytes).putLong(MAX_PID, maxPid);
        byte[] host = hostname.getBytes(StandardCharsets.UTF_8);
        b.put(HOSTNAME, host, 0, Math.min(host.length, HOSTNAME_LENGTH - 1));
        b.putLong(BOOT_TS, bootTimeNanos).putLong(FLAGS, flags);
        return b.array();
    }
}

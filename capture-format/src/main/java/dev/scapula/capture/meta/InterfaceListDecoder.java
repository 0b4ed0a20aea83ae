package dev.scapula.capture.meta;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes interface list blocks as libscap's {@code scap_read_iflist} does.
 *
 * <pre>
 * entry: [v2: u32 entry_len, NOT counting itself] u16 type | u16 namelen | addresses | name
 *   type 1 ipv4: u32 addr | u32 netmask | u32 bcast | u64 linkspeed     (24 + namelen bytes)
 *   type 2 ipv6: 16B addr | 16B netmask | 16B bcast | u64 linkspeed     (60 + namelen bytes)
 *   types 3 and 4: the same without linkspeed                         (16 / 52 + namelen bytes)
 * </pre>
 */
final class InterfaceListDecoder {
    private static final int MAX_NAME = 1023;

    private InterfaceListDecoder() {
    }

    static InterfaceList decode(int blockType, BlockBody body) throws CaptureException {
        boolean v2 = blockType == BlockType.INTERFACE_LIST_V2;
        BlockBody.Cursor c = body.cursor();
        List<InterfaceList.Interface> out = new ArrayList<>();
        while (c.remaining() >= 4) {
            long entryLen = v2 ? c.u32("entry_len") : 0;
            int start = c.position();
            if (v2 && (entryLen < 4 || entryLen > c.remaining())) {
                throw c.error("trace file has corrupted interface list: entry_len " + entryLen + " with "
                        + c.remaining() + " bytes left (v2 entries hold at least their type and name length)");
            }
            int type = c.u16("interface type");
            int nameLen = c.u16("interface name length");
            if (nameLen > MAX_NAME) {
                throw c.error("trace file has corrupted interface list: name length " + nameLen
                        + " (at most " + MAX_NAME + " expected)");
            }
            boolean ipv6 = type == 2 || type == 4;
            boolean speed = type == 1 || type == 2;
            if (type < 1 || type > 4) {
                throw c.error("unknown interface type " + type + " (1 to 4 expected)");
            }
            int width = ipv6 ? 16 : 4;
            String addr = ip(c.bytes(width, "addr"));
            String mask = ip(c.bytes(width, "netmask"));
            String bcast = ip(c.bytes(width, "bcast"));
            long linkSpeed = speed ? c.u64("linkspeed") : 0;
            String name = c.text(nameLen, "interface name");
            out.add(new InterfaceList.Interface(name, ipv6 ? "ipv6" : "ipv4", addr, mask, bcast, linkSpeed));
            if (entryLen > 0) {
                int read = c.position() - start;
                if (read > entryLen) {
                    throw c.error("trace file has corrupted interface list: entry of " + entryLen
                            + " bytes holds " + read);
                }
                c.skip((int) (entryLen - read), "the rest of the interface entry");
            }
        }
        return new InterfaceList(blockType, out);
    }

    private static String ip(byte[] b) {
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}

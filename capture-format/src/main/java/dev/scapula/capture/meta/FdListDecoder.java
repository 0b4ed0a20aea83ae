package dev.scapula.capture.meta;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes fd list blocks as libscap's {@code scap_read_fdlist} does.
 *
 * <pre>
 * body: u64 tid | entries until fewer than 4 bytes remain
 * entry: [v2: u32 entry_len, counting itself] u64 fd | u64 ino | u8 type | tail by type:
 *   3 ipv4 socket:  u32 sip | u32 dip | u16 sport | u16 dport | u8 l4proto
 *   5 ipv4 server:  u32 ip | u16 port | u8 l4proto
 *   4 ipv6 socket:  16B sip | 16B dip | u16 sport | u16 dport | u8 l4proto
 *   6 ipv6 server:  16B ip | u16 port | u8 l4proto
 *   8 unix socket:  u64 source | u64 destination | str name
 *   16 file v2:     u32 open_flags | str name | [u32 dev, if entry_len leaves room]
 *   1 2 7 9-15 17-21: str name;  0 and unknown types: nothing (v2 skips to entry_len)
 * str: u16 length (< 1024) then the bytes
 * </pre>
 */
final class FdListDecoder {
    private static final int MAX_NAME = 1023;
    private static final String[] TYPE_NAMES = {"unknown", "file", "directory", "ipv4", "ipv6", "ipv4_server",
        "ipv6_server", "fifo", "unix", "event", "unsupported", "signalfd", "eventpoll", "inotify", "timerfd",
        "netlink", "file", "bpf", "userfaultfd", "io_uring", "memfd", "pidfd"};

    private FdListDecoder() {
    }

    static FdList decode(int blockType, BlockBody body) throws CaptureException {
        boolean v2 = blockType == BlockType.FD_LIST_V2;
        BlockBody.Cursor c = body.cursor();
        long tid = c.u64("tid");
        List<FdList.FdEntry> entries = new ArrayList<>();
        while (c.remaining() >= 4) {
            int start = c.position();
            long entryLen = v2 ? c.u32("entry_len") : 0;
            long fd = c.u64("fd");
            long ino = c.u64("ino");
            int type = c.u8("fd type");
            String description = tail(c, type, start, entryLen);
            if (entryLen > 0) {
                int read = c.position() - start;
                if (read > entryLen) {
                    throw c.error("corrupted fd list entry: read " + read + " bytes, but the entry length is "
                            + entryLen);
                }
                c.skip((int) (entryLen - read), "the rest of the fd list entry");
            }
            String typeName = type < TYPE_NAMES.length ? TYPE_NAMES[type] : "unsupported";
            entries.add(new FdList.FdEntry(fd, ino, type, typeName, description));
        }
        return new FdList(blockType, tid, entries);
    }

    private static String tail(BlockBody.Cursor c, int type, int start, long entryLen) throws CaptureException {
        switch (type) {
            case 3: {
                String sip = ipv4(c.bytes(4, "sip"));
                String dip = ipv4(c.bytes(4, "dip"));
                return sip + ":" + port(c) + "->" + dip + ":" + port(c) + l4(c);
            }
            case 5:
                return ipv4(c.bytes(4, "ip")) + ":" + port(c) + l4(c);
            case 4: {
                String sip = ipv6(c.bytes(16, "sip"));
                String dip = ipv6(c.bytes(16, "dip"));
                return "[" + sip + "]:" + port(c) + "->[" + dip + "]:" + port(c) + l4(c);
            }
            case 6:
                return ipv6(c.bytes(16, "ip")) + ":" + port(c) + l4(c);
            case 8: {
                long source = c.u64("source");
                long destination = c.u64("destination");
                return String.format("%x->%x %s", source, destination, c.lengthPrefixedText(MAX_NAME, "name"));
            }
            case 16: {
                long openFlags = c.u32("open_flags");
                String name = c.lengthPrefixedText(MAX_NAME, "name");
                if (entryLen > 0 && c.position() - start + 4 <= entryLen) {
                    c.u32("dev");
                }
                return name + " flags=" + openFlags;
            }
            case 0:
                return "";
            default:
                if (type < TYPE_NAMES.length) {
                    return c.lengthPrefixedText(MAX_NAME, "name");
                }
                return "unknown-type:[" + type + "]";
        }
    }

    private static String port(BlockBody.Cursor c) throws CaptureException {
        return Integer.toString(c.u16("port"));
    }

    private static String l4(BlockBody.Cursor c) throws CaptureException {
        int proto = c.u8("l4proto");
        return " " + (proto == 2 ? "tcp" : proto == 3 ? "udp" : proto == 4 ? "icmp" : proto == 5 ? "raw" : "l4=" + proto);
    }

    private static String ipv4(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    private static String ipv6(byte[] b) {
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}

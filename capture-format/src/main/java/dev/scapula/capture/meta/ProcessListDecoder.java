package dev.scapula.capture.meta;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes process list entries as libscap's {@code scap_read_proclist} does.
 *
 * <pre>
 * entry: [v9: u32 entry_len, counting itself] u64 tid | u64 pid | u64 ptid | [v6+: u64 sid]
 *   [v8+: u64 vpgid] | str comm | str exe | [v7+: str exepath] | str args | str cwd | u64 fdlimit
 *   u32 flags | u32 uid | u32 gid | [v2+: u32 vmsize_kb, vmrss_kb, vmswap_kb, u64 pfmajor, pfminor]
 *   [v3+: str env] [v4+: i64 vtid, i64 vpid, str cgroups] [v5+: str root]
 *   [v9, each only if entry_len leaves room: u64 pidns_init_start_ts, u32 tty (both absent when at
 *    most 29 bytes remain: the pre-0.10.0 layout), u32 loginuid, u8 exe_writable, u64 cap x3,
 *    u8 exe_upper_layer, u64 exe_ino, u64 ctime, u64 mtime, u8 exe_from_memfd, u8 exe_lower_layer,
 *    i64 pgid] then skip to entry_len
 * str: u16 length then that many bytes, no NUL on disk
 * </pre>
 */
final class ProcessListDecoder {
    private static final int MAX_PATH = 1024;
    private static final int MAX_ARGS = 4096;
    private static final int MAX_ENV = 4096;
    private static final int MAX_CGROUPS = 4096;
    private static final int PRE_0_10_0_TAIL = 29;

    private ProcessListDecoder() {
    }

    static ProcessList decode(int blockType, BlockBody body) throws CaptureException {
        int v = BlockType.processListVersion(blockType);
        BlockBody.Cursor c = body.cursor();
        List<ProcessList.ProcessEntry> entries = new ArrayList<>();
        while (c.remaining() >= 4) {
            int start = c.position();
            long entryLen = v == 9 ? c.u32("entry_len") : 0;
            if (entryLen > (long) c.remaining() + 4) {
                throw body.error(start, "process list entry_len " + entryLen + " overruns the block: only "
                        + (c.remaining() + 4) + " bytes remain");
            }
            long tid = c.u64("tid");
            long pid = c.u64("pid");
            long ptid = c.u64("ptid");
            long sid = v >= 6 ? c.u64("sid") : -1;
            long vpgid = v >= 8 ? c.u64("vpgid") : -1;
            String comm = c.lengthPrefixedText(MAX_PATH, "comm");
            String exe = c.lengthPrefixedText(MAX_PATH, "exe");
            String exepath = v >= 7 ? c.lengthPrefixedText(MAX_PATH, "exepath") : "";
            List<String> args = list(c.lengthPrefixedBytes(MAX_ARGS, "args"));
            String cwd = c.lengthPrefixedText(MAX_PATH, "cwd");
            long fdlimit = c.u64("fdlimit");
            long flags = c.u32("flags");
            long uid = c.u32("uid");
            long gid = c.u32("gid");
            long vmsize = 0;
            long vmrss = 0;
            long vmswap = 0;
            long pfmajor = 0;
            long pfminor = 0;
            List<String> env = List.of();
            long vtid = -1;
            long vpid = -1;
            List<String> cgroups = List.of();
            String root = "";
            if (v >= 2) {
                vmsize = c.u32("vmsize_kb");
                vmrss = c.u32("vmrss_kb");
                vmswap = c.u32("vmswap_kb");
                pfmajor = c.u64("pfmajor");
                pfminor = c.u64("pfminor");
            }
            if (v >= 3) {
                env = list(c.lengthPrefixedBytes(MAX_ENV, "env"));
            }
            if (v >= 4) {
                vtid = c.u64("vtid");
                vpid = c.u64("vpid");
                cgroups = list(c.lengthPrefixedBytes(MAX_CGROUPS, "cgroups"));
            }
            if (v >= 5) {
                root = c.lengthPrefixedText(MAX_PATH, "root");
            }
            long loginUid = 0xffffffffL;
            long pgid = -1;
            if (entryLen > 0) {
                Tail tail = new Tail(c, start, entryLen);
                if (entryLen - (c.position() - start) > PRE_0_10_0_TAIL) {
                    tail.u64("pidns_init_start_ts");
                    tail.u32("tty");
                }
                loginUid = tail.has(4) ? tail.u32("loginuid") : loginUid;
                tail.skip(1, "exe_writable");
                tail.skip(8, "cap_inheritable");
                tail.skip(8, "cap_permitted");
                tail.skip(8, "cap_effective");
                tail.skip(1, "exe_upper_layer");
                tail.skip(8, "exe_ino");
                tail.skip(8, "exe_ino_ctime");
                tail.skip(8, "exe_ino_mtime");
                tail.skip(1, "exe_from_memfd");
                tail.skip(1, "exe_lower_layer");
                pgid = tail.has(8) ? tail.u64("pgid") : pgid;
                int read = c.position() - start;
                if (read > entryLen) {
                    throw c.error("corrupted process list entry: read " + read + " bytes, but the entry length is "
                            + entryLen);
                }
                c.skip((int) (entryLen - read), "the rest of the process list entry");
            }
            entries.add(new ProcessList.ProcessEntry(tid, pid, ptid, sid, vpgid, comm, exe, exepath, args, cwd,
                    fdlimit, flags, uid, gid, vmsize, vmrss, vmswap, pfmajor, pfminor, env, vtid, vpid, cgroups, root,
                    loginUid, pgid));
        }
        return new ProcessList(blockType, v, entries);
    }

    /** NUL-separated lists (args, env, cgroups) as libscap stores them. */
    private static List<String> list(byte[] joined) {
        String s = new String(joined, StandardCharsets.UTF_8);
        if (s.endsWith("\0")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\0", -1));
    }

    /** Reads optional v9 tail fields only while the entry length leaves room for them. */
    private static final class Tail {
        private final BlockBody.Cursor c;
        private final int start;
        private final long entryLen;

        Tail(BlockBody.Cursor c, int start, long entryLen) {
            this.c = c;
            this.start = start;
            this.entryLen = entryLen;
        }

        boolean has(int bytes) {
            return c.position() - start + bytes <= entryLen;
        }

        long u64(String field) throws CaptureException {
            return has(8) ? c.u64(field) : 0;
        }

        long u32(String field) throws CaptureException {
            return has(4) ? c.u32(field) : 0;
        }

        void skip(int bytes, String field) throws CaptureException {
            if (has(bytes)) {
                c.skip(bytes, field);
            }
        }
    }
}

package dev.scapula.capture.meta;

import java.util.List;

/** A process list block (versions 1 to 9): the threads the recorder knew when it started. */
public record ProcessList(int blockType, int version, List<ProcessEntry> entries) implements MetadataBlock {
    public ProcessList {
        entries = List.copyOf(entries);
    }

    /** One thread; fields a version does not carry keep libscap's defaults (-1 or 0). */
    public record ProcessEntry(long tid, long pid, long ptid, long sid, long vpgid, String comm, String exe,
            String exepath, List<String> args, String cwd, long fdlimit, long flags, long uid, long gid,
            long vmsizeKb, long vmrssKb, long vmswapKb, long pfMajor, long pfMinor, List<String> env, long vtid,
            long vpid, List<String> cgroups, String root, long loginUid, long pgid) {
    }
}

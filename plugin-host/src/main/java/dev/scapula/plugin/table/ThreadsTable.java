package dev.scapula.plugin.table;

import java.util.List;

/**
 * The host table {@code threads} that libsinsp offers every plugin (int64 key: the thread id),
 * with libsinsp's scalar static fields, their types and their initial values, so a plugin built
 * for Falco that looks it up at init runs unchanged. It starts empty: plugin captures carry no
 * process information, so only plugins fill it.
 *
 * <p>Not offered: the subtable fields {@code args}, {@code env}, {@code cgroups} and
 * {@code file_descriptors}, and dynamic subtable fields.
 */
public final class ThreadsTable {
    /** The table's name, as plugins ask for it. */
    public static final String NAME = "threads";

    private ThreadsTable() {
    }

    /** A new, empty threads table. */
    public static HostTable create() {
        long unset = -1L;
        long noId = 0xffffffffL;
        return new HostTable(NAME, StateType.INT64, List.of(
                new HostTable.Field("tid", StateType.INT64, false),
                new HostTable.Field("pid", StateType.INT64, false, unset),
                new HostTable.Field("ptid", StateType.INT64, false, unset),
                new HostTable.Field("reaper_tid", StateType.INT64, false, unset),
                new HostTable.Field("sid", StateType.INT64, false, unset),
                new HostTable.Field("comm", StateType.STRING, false),
                new HostTable.Field("exe", StateType.STRING, false),
                new HostTable.Field("exe_path", StateType.STRING, false),
                new HostTable.Field("exe_writable", StateType.BOOL, false),
                new HostTable.Field("exe_upper_layer", StateType.BOOL, false),
                new HostTable.Field("exe_lower_layer", StateType.BOOL, false),
                new HostTable.Field("exe_from_memfd", StateType.BOOL, false),
                new HostTable.Field("flags", StateType.UINT32, false),
                new HostTable.Field("fd_limit", StateType.INT64, false, unset),
                new HostTable.Field("uid", StateType.UINT32, false, noId),
                new HostTable.Field("gid", StateType.UINT32, false, noId),
                new HostTable.Field("loginuid", StateType.UINT32, false, noId),
                new HostTable.Field("exe_ino", StateType.UINT64, false),
                new HostTable.Field("exe_ino_ctime", StateType.UINT64, false),
                new HostTable.Field("exe_ino_mtime", StateType.UINT64, false),
                new HostTable.Field("vtid", StateType.INT64, false, unset),
                new HostTable.Field("vpid", StateType.INT64, false, unset),
                new HostTable.Field("vpgid", StateType.INT64, false, unset),
                new HostTable.Field("pgid", StateType.INT64, false, unset),
                new HostTable.Field("pidns_init_start_ts", StateType.UINT64, false),
                new HostTable.Field("root", StateType.STRING, false),
                new HostTable.Field("tty", StateType.UINT32, false),
                new HostTable.Field("cwd", StateType.STRING, true)), "tid");
    }
}

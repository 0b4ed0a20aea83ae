package dev.scapula.plugin.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.NativeString;
import org.junit.jupiter.api.Test;

/** The host's threads table as a plugin sees it through the native-shaped calls, rules included. */
class HostTableTest {
    private final HostTable threads = ThreadsTable.create();

    private static Memory key(long tid) {
        Memory m = new Memory(8);
        m.setLong(0, tid);
        return m;
    }

    private static Memory text(String s) {
        Memory m = new Memory(8);
        m.setPointer(0, NativeString.of(s));
        return m;
    }

    private Pointer add(long tid) {
        return threads.addEntry(key(tid), threads.createEntry());
    }

    @Test
    void newEntriesStartWithLibsinspsInitialValuesAndTheKeyInTid() {
        Pointer e = add(42);
        Pointer pid = threads.getField("pid", StateType.INT64);
        Pointer uid = threads.getField("uid", StateType.UINT32);
        Pointer comm = threads.getField("comm", StateType.STRING);
        Memory out = new Memory(8);
        assertThat(threads.readField(e, pid, out)).isZero();
        assertThat(out.getLong(0)).isEqualTo(-1L);
        assertThat(threads.readField(e, uid, out)).isZero();
        assertThat(out.getInt(0) & 0xffffffffL).isEqualTo(0xffffffffL);
        assertThat(threads.readField(e, comm, out)).isZero();
        assertThat(out.getPointer(0).getString(0)).isEmpty();
        assertThat(threads.entries().get(0)).containsEntry("tid", 42L);
    }

    @Test
    void stringsAreCopiedOnWriteAndDynamicFieldsReachExistingEntries() {
        Pointer e = add(7);
        Pointer comm = threads.getField("comm", StateType.STRING);
        assertThat(threads.writeField(e, comm, text("bash"))).isZero();
        Pointer extra = threads.addField("note", StateType.UINT64);
        assertThat(threads.addField("note", StateType.UINT64)).isEqualTo(extra);
        Memory out = new Memory(8);
        assertThat(threads.readField(e, extra, out)).isZero();
        assertThat(out.getLong(0)).isZero();
        assertThat(threads.entries().get(0)).containsEntry("comm", "bash").containsEntry("note", 0L);
    }

    @Test
    void refusalsSayWhy() {
        Pointer e = add(1);
        Memory out = new Memory(8);
        assertThat(threads.getField("comm", StateType.UINT64)).isNull();
        assertThat(threads.lastError()).contains("field comm is string, not uint64");
        assertThat(threads.addField("pid", StateType.STRING)).isNull();
        assertThat(threads.lastError()).contains("already exists as int64");
        assertThat(threads.addField("sub", StateType.TABLE)).isNull();
        assertThat(threads.writeField(e, threads.getField("cwd", StateType.STRING), text("/"))).isEqualTo(1);
        assertThat(threads.lastError()).contains("cwd is read-only");
        assertThat(threads.getEntry(key(2))).isNull();
        assertThat(threads.lastError()).contains("no element at given key 2");
        assertThat(threads.erase(key(2))).isEqualTo(1);
        assertThat(threads.lastError()).contains("table entry not found");
        assertThat(threads.erase(key(1))).isZero();
        assertThat(threads.readField(e, threads.getField("tid", StateType.INT64), out)).isEqualTo(1);
        assertThat(threads.lastError()).contains("unknown or released entry");
        assertThat(threads.readField(add(3), new Pointer(999), out)).isEqualTo(1);
        assertThat(threads.lastError()).contains("unknown field handle 999");
    }

    @Test
    void addingAnExistingKeyReplacesTheEntryAndDetachedEntriesAreNotCounted() {
        add(5);
        Pointer detached = threads.createEntry();
        assertThat(threads.size()).isEqualTo(1);
        Pointer again = threads.addEntry(key(5), detached);
        assertThat(again).isNotNull();
        assertThat(threads.size()).isEqualTo(1);
        assertThat(threads.addEntry(key(6), again)).isNull();
        assertThat(threads.lastError()).contains("already in the table");
        assertThat(threads.clear()).isZero();
        assertThat(threads.size()).isZero();
    }

    @Test
    void digestsDependOnContentNotOnInsertionOrder() throws Exception {
        HostTable other = ThreadsTable.create();
        add(1);
        add(2);
        other.addEntry(key(2), other.createEntry());
        other.addEntry(key(1), other.createEntry());
        // pinned by hand as in aDigestFollowsEveryKindOfChange: tids 1 and 2 at their initial values, then comm "x"
        assertThat(threads.digest()).isEqualTo("3474bec9fb04a6a6");
        assertThat(other.digest()).isEqualTo("3474bec9fb04a6a6");
        other.writeField(other.getEntry(key(1)), other.getField("comm", StateType.STRING), text("x"));
        assertThat(other.digest()).isEqualTo("7210a1903b283f64");
        assertThat(threads.digest()).isEqualTo("3474bec9fb04a6a6");
    }

    /**
     * Digests pinned by hand: computed with a short Python script written from the digest layout
     * documented in {@link TableDigest} (splitmix64 finaliser, FNV-1a 64 over names and strings,
     * head over name and type per scalar field, rows seeded 0x9e3779b97f4a7c15, summed), fed
     * libsinsp's threads fields with their initial values (tid, pid..sid -1, comm/exe/exe_path "",
     * four bools false, flags 0, fd_limit -1, uid/gid/loginuid 0xffffffff, three exe_ino* 0,
     * vtid..pgid -1, pidns_init_start_ts 0, root "", tty 0, cwd ""), then a uint64 "note" 0.
     * Each step must give its own value, and the cached digest must be the recomputed one.
     */
    @Test
    void aDigestFollowsEveryKindOfChangeThoughItIsOnlyRecomputedAfterOne() {
        assertThat(threads.digest()).as("empty").isEqualTo("112eec23fc5386e3");
        Pointer e = add(1);
        assertThat(threads.digest()).as("tid 1").isEqualTo("577b399dff93f6b8");
        threads.writeField(e, threads.getField("comm", StateType.STRING), text("bash"));
        assertThat(threads.digest()).as("comm bash").isEqualTo("2ff2108c3049d709");
        threads.addField("note", StateType.UINT64);
        assertThat(threads.digest()).as("field note added").isEqualTo("add46d5f4377515a");
        add(2);
        assertThat(threads.digest()).as("tid 2 added").isEqualTo("ca1b3dd72be1b6c6");
        threads.erase(key(1));
        assertThat(threads.digest()).as("tid 1 erased").isEqualTo("1983345d1477b34b");
        threads.clear();
        assertThat(threads.digest()).as("cleared").isEqualTo("5c8bfa31164d292f");
    }
}

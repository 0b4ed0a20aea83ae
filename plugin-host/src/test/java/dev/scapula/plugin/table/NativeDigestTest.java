package dev.scapula.plugin.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scapula.plugin.NativeString;
import org.junit.jupiter.api.Test;

/**
 * The native digest (table_digest.c, which digests plugin tables) reads every scalar type as the
 * host does: run on the host's threads table through the same vtables plugins call, with a
 * dynamic field of every width, it gives the digest the host computes in Java.
 */
class NativeDigestTest {
    private final TableRegistry registry = new TableRegistry();
    private final HostTable threads = (HostTable) registry.find(ThreadsTable.NAME).orElseThrow();
    private final NativeDigest nativeDigest;

    NativeDigestTest() {
        HostTables caller = new HostTables("digest-test", () -> null, registry);
        Pointer handle = registry.dispatch().grant(threads, caller, new Memory(1));
        nativeDigest = new NativeDigest(handle, registry.dispatch().fieldsVtable(), registry.dispatch().readerVtable());
    }

    private static Memory value(long v) {
        Memory m = new Memory(8);
        m.setLong(0, v);
        return m;
    }

    private void write(Pointer entry, String field, int type, Memory v) {
        assertThat(threads.writeField(entry, threads.getField(field, type), v)).isZero();
    }

    private String digestedNatively() {
        assertThat(nativeDigest.run()).isEqualTo(NativeDigest.OK);
        return nativeDigest.digest();
    }

    @Test
    void everyScalarTypeIsReadAsTheHostReadsIt() {
        int[] types = {StateType.INT8, StateType.INT16, StateType.INT32, StateType.UINT8, StateType.UINT16,
            StateType.UINT32, StateType.BOOL};
        for (int type : types) {
            threads.addField("f_" + StateType.name(type), type);
        }
        for (long tid = 1; tid <= 3; tid++) {
            Pointer e = threads.addEntry(value(tid), threads.createEntry());
            // all bits set: the sign extension of signed widths and the zero extension of unsigned ones show
            for (int type : types) {
                write(e, "f_" + StateType.name(type), type, value(-tid));
            }
            Memory comm = new Memory(8);
            comm.setPointer(0, NativeString.of("thread-" + tid + "-é"));
            write(e, "comm", StateType.STRING, comm);
        }
        assertThat(threads.entries().get(0)).containsEntry("f_int8", -1L).containsEntry("f_uint8", 0xffL)
                .containsEntry("f_bool", true);
        String before = digestedNatively();
        assertThat(before).isEqualTo(threads.digest());

        write(threads.getEntry(value(2)), "f_int16", StateType.INT16, value(7));
        String after = digestedNatively();
        assertThat(after).isEqualTo(threads.digest()).isNotEqualTo(before);
    }

    @Test
    void aFieldAddedBetweenTwoDigestsCountsInTheSecond() {
        // the C side keeps the field handles between calls: a new field must reach it anyway
        Pointer e = threads.addEntry(value(1), threads.createEntry());
        String before = digestedNatively();
        assertThat(digestedNatively()).isEqualTo(before).isEqualTo(threads.digest());
        threads.addField("late", StateType.UINT32);
        write(e, "late", StateType.UINT32, value(5));
        String after = digestedNatively();
        assertThat(after).isEqualTo(threads.digest()).isNotEqualTo(before);
        write(e, "late", StateType.UINT32, value(6));
        assertThat(digestedNatively()).isEqualTo(threads.digest()).isNotEqualTo(after);
    }

    @Test
    void moreFieldsThanTheCacheHoldsAreDigestedToo() {
        for (int i = 0; i < 40; i++) {
            threads.addField("f" + i, StateType.UINT64);
        }
        Pointer e = threads.addEntry(value(1), threads.createEntry());
        write(e, "f39", StateType.UINT64, value(39));
        assertThat(digestedNatively()).isEqualTo(threads.digest());
        write(e, "f39", StateType.UINT64, value(40));
        assertThat(digestedNatively()).isEqualTo(threads.digest());
    }

    @Test
    void anEmptyTableAndOneWithoutFieldValuesSetAgreeToo() {
        assertThat(digestedNatively()).isEqualTo(threads.digest());
        threads.addEntry(value(1), threads.createEntry());
        assertThat(digestedNatively()).isEqualTo(threads.digest());
    }
}

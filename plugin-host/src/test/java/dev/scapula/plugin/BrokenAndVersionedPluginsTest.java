package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.scapula.plugin.async.AsyncEvents;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.samples.SamplePlugins;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deliberately broken and versioned sample plugins really misbehave the way the checks of
 * later commands must catch, and the host refuses the garbage they return.
 */
class BrokenAndVersionedPluginsTest {
    /** A counter-shaped plugin event with this payload, in native memory. */
    static Memory counterEvent(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(38 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(1_700_000_000_000_000_000L).putLong(-1).putInt(38 + payload.length).putShort((short) 322).putInt(2)
                .putInt(4).putInt(payload.length).putInt(9001).put(payload);
        Memory m = new Memory(b.capacity());
        m.write(0, b.array(), 0, b.capacity());
        return m;
    }

    private static Memory seqEvent(long seq) {
        return counterEvent(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(seq).array());
    }

    private static Object value(Plugin p, Memory event, String field) throws PluginException {
        List<FieldValue> v = new Extractor(p).extract(event, 1, "counter", List.of(FieldRequest.parse(p.info(), field)),
                false);
        return v.get(0).values().get(0);
    }

    @Test
    void theFourReleasesOfVersionedLoadSideBySideWithTheirChanges() throws Exception {
        String[] names = {"versioned_1_0_0", "versioned_1_1_0", "versioned_2_0_0", "versioned_1_0_1_wrong"};
        String[] versions = {"1.0.0", "1.1.0", "2.0.0", "1.0.1"};
        long[] seqOf41 = {41, 41, 42, 42};
        int[] fieldCounts = {2, 3, 3, 2};
        List<Plugin> loaded = new java.util.ArrayList<>();
        try {
            for (String name : names) {
                Plugin p = Plugin.load(SamplePlugins.path(name));
                loaded.add(p);
                p.init("");
            }
            // All four are loaded at once, from their own files: each answers with its own code.
            Memory event = seqEvent(41);
            for (int i = 0; i < names.length; i++) {
                Plugin p = loaded.get(i);
                assertThat(p.name()).isEqualTo("versioned");
                assertThat(p.info().version()).isEqualTo(versions[i]);
                assertThat(p.info().fields()).hasSize(fieldCounts[i]);
                assertThat(value(p, event, "versioned.seq")).as(names[i]).isEqualTo(seqOf41[i]);
            }
        } finally {
            loaded.forEach(Plugin::close);
        }
    }

    @Test
    void nondetGivesTwoValuesForOneEvent() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("nondet"))) {
            p.init("");
            Memory e = seqEvent(3);
            assertThat(value(p, e, "nondet.seq")).isEqualTo(value(p, e, "nondet.seq"));
            assertThat(value(p, e, "nondet.calls")).isNotEqualTo(value(p, e, "nondet.calls"));
        }
    }

    @Test
    void extractMutatesChangesStateWhenExtracting() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("extract_mutates"))) {
            p.init("");
            Memory e = seqEvent(0);
            new Parser(p).parse(e, 1, "counter");
            assertThat(value(p, e, "mutates.seen")).isEqualTo(1L);
            assertThat(value(p, e, "mutates.seen")).isEqualTo(2L);
        }
    }

    @Test
    void statefulNodumpHasNoDumpState() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("stateful_nodump"))) {
            p.init("");
            assertThat(p.dumpsState()).isFalse();
            assertThatThrownBy(() -> new AsyncEvents(p).dumpState())
                    .hasMessageContaining("does not export plugin_dump_state");
        }
    }

    @Test
    void fragilesGarbageIsRefusedWithAClearError() throws Exception {
        try (Plugin p = Plugin.load(SamplePlugins.path("fragile"))) {
            p.init("");
            byte[] payload = new byte[8];
            payload[0] = (byte) 0xff;
            assertThatThrownBy(() -> value(p, counterEvent(payload), "fragile.first"))
                    .isInstanceOf(PluginException.class)
                    .hasMessage("fragile: plugin_extract_fields returned 5 values for fragile.first in event 1 (a field "
                            + "that is not a list has at most 1)");
        }
    }

    @Test
    void fragileCrashesItsProcessOnAShortPayload() throws Exception {
        // Run in a child JVM: the crash is real and would end this one.
        Process child = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
                + "java", "-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/scapula_hs_err_%p.log",
                "-XX:-CreateCoredumpOnCrash", "-cp", System.getProperty("java.class.path"), FragileCrash.class.getName(),
                SamplePlugins.path("fragile").toString()).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(output).contains("extracting from a 4-byte payload").doesNotContain("survived");
        assertThat(child.exitValue()).as(output).isNotZero();
    }

    /** The child process: extracts from a too-short payload, which crashes the plugin. */
    public static final class FragileCrash {
        public static void main(String[] args) throws Exception {
            try (Plugin p = Plugin.load(java.nio.file.Path.of(args[0]))) {
                p.init("");
                System.out.println("extracting from a 4-byte payload");
                System.out.flush();
                value(p, counterEvent(new byte[4]), "fragile.first");
                System.out.println("survived");
            }
        }
    }
}

package dev.scapula.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import dev.scapula.capture.io.Compression;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.ReturnCode;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.samples.SamplePlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Replaying a recorded capture gives the field values extraction gives on the live events. */
class ReplayerTest {
    private static final String PARAMS = "count=2000;size=32;batch=100";

    @TempDir
    Path dir;

    private Path record(Compression c) throws Exception {
        return CounterCaptures.record(dir.resolve("c-" + c.label() + ".scap"), PARAMS, c);
    }

    /** The values the fields plugin gives on the live events, straight from next_batch. */
    private List<List<FieldValue>> live(Plugin fields, List<FieldRequest> requests) throws Exception {
        List<List<FieldValue>> out = new ArrayList<>();
        try (Plugin counter = Plugin.load(SamplePlugins.freshCopy("counter"))) {
            counter.init("");
            Extractor x = new Extractor(fields);
            try (SourceInstance in = counter.open(PARAMS)) {
                long[] n = {0};
                while (in.nextBatch((e, len) -> {
                    Memory copy = new Memory(len);
                    copy.write(0, e.getByteArray(0, len), 0, len);
                    out.add(x.extract(copy, ++n[0], "counter", requests, false));
                }) == ReturnCode.SUCCESS) {
                    // all
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void replayedValuesEqualLiveValues(Compression c) throws Exception {
        Path capture = record(c);
        try (Plugin fields = Plugin.load(SamplePlugins.path("fields"))) {
            fields.init("");
            Replayer replayer = new Replayer(List.of(fields), List.of());
            List<ReplayedEvent> replayed = new ArrayList<>();
            long n = replayer.replay(capture, e -> replayed.add(e));
            assertThat(n).isEqualTo(2000);
            assertThat(replayer.unknownIds()).isEmpty();
            List<FieldRequest> requests = new ArrayList<>();
            for (String name : new ExtractorBinding(fields).argumentFreeFields()) {
                requests.add(FieldRequest.parse(fields.info(), name));
            }
            List<List<FieldValue>> live = live(fields, requests);
            assertThat(replayed).hasSize(live.size());
            for (int i = 0; i < live.size(); i++) {
                assertThat(replayed.get(i).fields()).as("event %d", i + 1).isEqualTo(live.get(i));
                assertThat(replayed.get(i).source()).isEqualTo("counter");
            }
        }
    }

    @Test
    void eventsOfAnIdWithNoKnownSourceAreCountedNotExtracted() throws Exception {
        Path capture = dir.resolve("anon.scap");
        try (var w = dev.scapula.capture.write.CaptureWriter.create(capture,
                dev.scapula.capture.write.CaptureOptions.plain())) {
            w.writePluginEvent(1, -1, 4242, new byte[16]);
            w.writePluginEvent(2, -1, 4242, new byte[16]);
        }
        try (Plugin fields = Plugin.load(SamplePlugins.path("fields"))) {
            fields.init("");
            Replayer replayer = new Replayer(List.of(fields), List.of("fields.seq"));
            List<ReplayedEvent> seen = new ArrayList<>();
            replayer.replay(capture, seen::add);
            assertThat(seen).isEmpty();
            assertThat(replayer.unknownIds()).containsEntry(4242L, 2L);
        }
    }
}

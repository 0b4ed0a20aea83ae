package dev.scapula.benchmarks;

import com.sun.jna.Memory;
import dev.scapula.capture.event.EventHeader;
import dev.scapula.capture.event.PluginEventLayout;
import dev.scapula.capture.io.RunTemp;
import dev.scapula.plugin.Plugin;
import dev.scapula.plugin.PluginException;
import dev.scapula.plugin.ReturnCode;
import dev.scapula.plugin.extract.Batching;
import dev.scapula.plugin.extract.Extractor;
import dev.scapula.plugin.extract.FieldRequest;
import dev.scapula.plugin.extract.FieldValue;
import dev.scapula.plugin.parse.Parser;
import dev.scapula.plugin.source.SourceInstance;
import dev.scapula.samples.SamplePlugins;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-call cost of scapula's JNA host on the sample plugins, for the same calls the C driver
 * ({@code SamplePlugins.driver}) makes directly: extract one field, extract ten (in one call, and
 * one call per field as libsinsp asks), next_batch per event, parse_event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PluginCalls {
    /** Events per next_batch call, as the counter is opened here and in the C driver. */
    static final int BATCH = 128;

    Plugin fields;
    Plugin stateful;
    Plugin counter;
    Extractor extractor;
    /** The same plugin asked one field per call, as libsinsp asks: the other way to split a list. */
    Extractor perField;
    Parser parser;
    SourceInstance source;
    List<FieldRequest> one;
    List<FieldRequest> ten;
    Memory event;
    long number;

    @Setup(Level.Trial)
    public void load() throws PluginException, IOException {
        Path temp = RunTemp.current().dir();
        fields = Plugin.load(SamplePlugins.freshCopy("fields", temp));
        fields.init("");
        extractor = new Extractor(fields);
        perField = new Extractor(fields, Batching.ONE_PER_CALL);
        one = List.of(FieldRequest.parse(fields.info(), "fields.seq"));
        ten = new ArrayList<>();
        for (int id = 0; id < 10; id++) {
            ten.add(FieldRequest.parse(fields.info(), fields.info().fields().get(id).name()));
        }
        stateful = Plugin.load(SamplePlugins.freshCopy("stateful", temp));
        stateful.init("");
        parser = new Parser(stateful);
        counter = Plugin.load(SamplePlugins.freshCopy("counter", temp));
        counter.init("");
        source = counter.open("count=1000000000000;size=64;batch=" + BATCH);
        ByteBuffer b = ByteBuffer.allocate(PluginEventLayout.PAYLOAD + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(EventHeader.TS, 1_700_000_000_000_000_000L).putLong(EventHeader.TID, -1)
                .putInt(EventHeader.LEN, b.capacity()).putShort(EventHeader.TYPE, (short) PluginEventLayout.TYPE)
                .putInt(EventHeader.NPARAMS, PluginEventLayout.PARAM_COUNT).putInt(PluginEventLayout.PLUGIN_ID_LENGTH, 4)
                .putInt(PluginEventLayout.PAYLOAD_LENGTH, 64).putInt(PluginEventLayout.PLUGIN_ID, 9001)
                .putLong(PluginEventLayout.PAYLOAD, 7);
        event = new Memory(b.capacity());
        event.write(0, b.array(), 0, b.capacity());
    }

    @TearDown(Level.Trial)
    public void close() {
        source.close();
        counter.close();
        stateful.close();
        fields.close();
    }

    @Benchmark
    public List<FieldValue> extractOneField() throws PluginException {
        return extractor.extract(event, ++number, "counter", one, false);
    }

    @Benchmark
    public List<FieldValue> extractTenFields() throws PluginException {
        return extractor.extract(event, ++number, "counter", ten, false);
    }

    @Benchmark
    public List<FieldValue> extractTenFieldsOnePerCall() throws PluginException {
        return perField.extract(event, ++number, "counter", ten, false);
    }

    @Benchmark
    public void parseEvent() throws PluginException {
        parser.parse(event, ++number, "counter");
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long nextBatchPerEvent() throws PluginException {
        long[] bytes = {0};
        ReturnCode rc = source.nextBatch((e, len) -> bytes[0] += len);
        return bytes[0] + rc.code();
    }
}

package dev.scapula.cli.corpus;

import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.output.Json;
import dev.scapula.plugin.PluginException;
import dev.scapula.replayer.corpus.CaptureResult;
import dev.scapula.replayer.corpus.CaptureUnit;
import dev.scapula.replayer.corpus.CorpusRunner;
import dev.scapula.replayer.corpus.FieldTally;
import dev.scapula.replayer.verify.PluginSpec;
import dev.scapula.replayer.verify.Verifier;
import dev.scapula.replayer.verify.VerifyReport;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;

/** The verify check of one corpus capture: a fresh Verifier, so fresh plugin instances, per capture. */
public final class CorpusVerify implements CorpusRunner.Check {
    private final List<PluginSpec> specs;
    private final List<String> fields;
    private final List<String> ignored;

    /** Verifies with these plugins, fields and ignored fields, as {@code verify -r} would. */
    public CorpusVerify(List<PluginSpec> specs, List<String> fields, List<String> ignored) {
        this.specs = List.copyOf(specs);
        this.fields = List.copyOf(fields);
        this.ignored = List.copyOf(ignored);
    }

    @Override
    public CaptureResult check(CaptureUnit unit) {
        try {
            VerifyReport report = new Verifier(specs, fields, new HashSet<>(ignored)).verify(unit.files());
            return new CaptureResult(unit.name(), report.deterministic() ? CaptureResult.Status.OK
                    : CaptureResult.Status.DIFFERENT, report.events(), null, FieldTally.of(report),
                    new Json().mapper().valueToTree(report));
        } catch (PluginException | IOException e) {
            return CaptureResult.failed(unit.name(), ErrorMessages.describe(e));
        }
    }
}

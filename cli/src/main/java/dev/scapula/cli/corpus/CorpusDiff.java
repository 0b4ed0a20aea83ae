package dev.scapula.cli.corpus;

import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.output.Json;
import dev.scapula.plugin.PluginException;
import dev.scapula.replayer.corpus.CaptureResult;
import dev.scapula.replayer.corpus.CaptureUnit;
import dev.scapula.replayer.corpus.CorpusRunner;
import dev.scapula.replayer.corpus.FieldTally;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.VersionDiff;
import java.io.IOException;

/**
 * The diff check of one corpus capture: {@link VersionDiff#diff} loads fresh old and new copies
 * on every call, so each capture is diffed as {@code diff} of it alone.
 */
public final class CorpusDiff implements CorpusRunner.Check {
    private final VersionDiff versions;

    /** Diffs each capture with these two versions. */
    public CorpusDiff(VersionDiff versions) {
        this.versions = versions;
    }

    @Override
    public CaptureResult check(CaptureUnit unit) {
        try {
            DiffReport r = versions.diff(unit.files());
            boolean different = r.understated() || r.nothingCompared() != null;
            return new CaptureResult(unit.name(), different ? CaptureResult.Status.DIFFERENT
                    : CaptureResult.Status.OK, r.events(), null, FieldTally.of(r), new Json().mapper().valueToTree(r));
        } catch (PluginException | IOException e) {
            return CaptureResult.failed(unit.name(), ErrorMessages.describe(e));
        }
    }
}

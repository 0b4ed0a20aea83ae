package dev.scapula.cli.corpus;

import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.output.Json;
import dev.scapula.plugin.PluginException;
import dev.scapula.replayer.corpus.CaptureResult;
import dev.scapula.replayer.corpus.CaptureUnit;
import dev.scapula.replayer.corpus.CorpusRunner;
import dev.scapula.replayer.diff.DiffReport;
import dev.scapula.replayer.diff.VersionDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/** The diff check of one corpus capture: fresh old and new instances per capture, as {@code diff} of it alone. */
public final class CorpusDiff implements CorpusRunner.Check {
    private final Path older;
    private final Path newer;
    private final String initConfig;
    private final List<String> allowed;

    /** Diffs these two versions with this init config, allowing these value changes. */
    public CorpusDiff(Path older, Path newer, String initConfig, List<String> allowed) {
        this.older = older;
        this.newer = newer;
        this.initConfig = initConfig;
        this.allowed = List.copyOf(allowed);
    }

    @Override
    public CaptureResult check(CaptureUnit unit) {
        try {
            DiffReport r = new VersionDiff(older, newer, initConfig, new HashSet<>(allowed)).diff(unit.files());
            boolean different = r.understated() || r.nothingCompared() != null;
            return new CaptureResult(unit.name(), different ? CaptureResult.Status.DIFFERENT
                    : CaptureResult.Status.OK, r.events(), null, new Json().mapper().valueToTree(r));
        } catch (PluginException | IOException e) {
            return new CaptureResult(unit.name(), CaptureResult.Status.ERROR, 0, ErrorMessages.describe(e), null);
        }
    }
}

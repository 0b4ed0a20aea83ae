package dev.scapula.replayer.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFinderTest {
    @TempDir
    Path dir;

    private void touch(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1, 2, 3});
    }

    @Test
    void aRotatedSeriesIsOneUnitInNumericOrderAndOtherFilesAreLeftOut() throws IOException {
        for (String n : List.of("rot/r.scap0", "rot/r.scap2", "rot/r.scap10", "rot/r.scap1", "a.scap", "b/c.scap.gz",
                "b/d.scap.zst", "notes.txt", "b/e.pcap")) {
            touch(n);
        }
        List<CaptureUnit> units = new CorpusFinder().find(dir);
        assertEquals(List.of("a.scap", "b/c.scap.gz", "b/d.scap.zst", "rot/r.scap"),
                units.stream().map(CaptureUnit::name).toList());
        CaptureUnit rot = units.get(3);
        assertEquals(List.of("r.scap0", "r.scap1", "r.scap2", "r.scap10"),
                rot.files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(12, rot.bytes());
    }

    @Test
    void aListFileNamesCapturesRelativeToItsFolder() throws IOException {
        touch("x/one.scap");
        touch("x/two.scap");
        Files.writeString(dir.resolve("list.txt"), "# the corpus\nx/two.scap\n\nx/one.scap\n");
        assertEquals(List.of("x/one.scap", "x/two.scap"),
                new CorpusFinder().fromList(dir.resolve("list.txt")).stream().map(CaptureUnit::name).toList());
    }
}

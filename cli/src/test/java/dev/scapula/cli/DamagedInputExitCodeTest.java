package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code 2 of docs/commands.md for damaged or truncated input and for a plugin that cannot
 * be found, from {@code diff} and {@code verify}: no verdict on part of a capture, and an error that
 * names the file, the byte offset, the block and what was expected.
 */
class DamagedInputExitCodeTest {
    /**
     * One counter event of 64 payload bytes as capture-format's PluginEventLayout lays it out: block
     * header (type and length, 8), 2 bytes, event header (26), two parameter lengths (8), plugin id
     * (4), payload, block trailer (4).
     */
    private static final int EVENT_BLOCK = 8 + 2 + 26 + 8 + 4 + 64 + 4;

    @TempDir
    Path dir;

    private Path capture;
    private Path cut;
    private long lastBlock;

    /** A 200-event capture, and a copy with the last 50 bytes of its last event cut off. */
    @BeforeEach
    void record() throws Exception {
        capture = dir.resolve("c.scap");
        CommandRun rec = CommandRun.of("record", "-I", "counter:count=200;size=64", "-w", capture.toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        byte[] whole = Files.readAllBytes(capture);
        lastBlock = whole.length - EVENT_BLOCK;
        cut = dir.resolve("cut.scap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 50));
    }

    private String truncation(Path file) {
        return file + ": byte " + lastBlock + ", block ";
    }

    @Test
    void diffOfATruncatedCaptureExitsTwoNamingTheCut() {
        CommandRun run = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0", cut.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(truncation(cut), "199 complete events read",
                "the block claims " + EVENT_BLOCK + " bytes but only " + (EVENT_BLOCK - 50) + " remain");
        assertThat(run.out()).doesNotContain("Verdict");
        // the same capture whole gives a verdict: the cut alone makes the difference
        CommandRun whole = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0",
                capture.toString());
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("Verdict");
    }

    @Test
    void diffOfADamagedBlockInTheMiddleExitsTwo() throws Exception {
        byte[] b = Files.readAllBytes(capture);
        long block = lastBlock - 100L * EVENT_BLOCK;
        // a length smaller than a block's own header and trailer
        b[(int) block + 4] = 7;
        b[(int) block + 5] = 0;
        b[(int) block + 6] = 0;
        b[(int) block + 7] = 0;
        Path damaged = dir.resolve("damaged.scap");
        Files.write(damaged, b);
        CommandRun run = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_1_1_0",
                damaged.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        // the offset named is that of the length field, 4 bytes into the block
        assertThat(run.err()).contains(damaged + ": byte " + (block + 4) + ", block ",
                "block length 7 is smaller than the 12 bytes of header and trailer");
    }

    @Test
    void diffWithAPluginThatCannotBeFoundExitsTwoNamingIt() {
        CommandRun byName = CommandRun.of("diff", "--old", "versioned_1_0_0", "--new", "no_such_plugin",
                capture.toString());
        assertThat(byName.exitCode()).as(byName.out() + byName.err()).isEqualTo(2);
        assertThat(byName.err()).contains("no plugin named no_such_plugin");
        Path missing = dir.resolve("libgone.so");
        CommandRun byPath = CommandRun.of("diff", "--old", missing.toString(), "--new", "versioned_1_1_0",
                capture.toString());
        assertThat(byPath.exitCode()).as(byPath.out() + byPath.err()).isEqualTo(2);
        assertThat(byPath.err()).contains(missing.toString());
        assertThat(byName.out() + byPath.out()).doesNotContain("Verdict");
    }

    @Test
    void verifyOfATruncatedCaptureExitsTwoNamingTheCut() {
        CommandRun run = CommandRun.of("verify", "-r", cut.toString(), "-H", "fields");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(truncation(cut), "199 complete events read",
                "the block claims " + EVENT_BLOCK + " bytes but only " + (EVENT_BLOCK - 50) + " remain");
        assertThat(run.out()).doesNotContain("OK: deterministic");
        CommandRun json = CommandRun.of("verify", "--json", "-r", cut.toString(), "-H", "fields");
        assertThat(json.exitCode()).isEqualTo(2);
    }
}

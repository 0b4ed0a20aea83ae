package dev.scapula.checks.isolate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worker's output pump: data passes unchanged; only a real crash's banner is left out. */
class OutputPumpTest {
    /** The head of HotSpot's banner as JDK 17 prints it on stdout. */
    private static final String BANNER = "#\n# A fatal error has been detected by the Java Runtime Environment:\n#\n"
            + "#  SIGSEGV (0xb) at pc=0x00007f, pid=42, tid=43\n#\n# Problematic frame:\n# C  [libfragile.so+0x1234]\n#\n";

    private static byte[] pump(String in, boolean crashed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OutputPump(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out).start("test")
                .finish(crashed);
        return out.toByteArray();
    }

    @Test
    void bannerTextFromDataIsPassedThroughByteForByteWhenTheWorkerDidNotCrash() throws Exception {
        String in = "1 event\r\n#\n2 tick\n" + BANNER + "3 event\n#\n4 no newline at the end";
        assertThat(pump(in, false)).isEqualTo(in.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRealCrashLeavesOutTheBannerAndNothingBeforeIt() throws Exception {
        String data = "1 event\n#\n2 event\n";
        assertThat(new String(pump(data + BANNER, true), StandardCharsets.UTF_8)).isEqualTo(data);
    }

    @Test
    void onlyTheLastBannerIsHeldSoForgedOnesBeforeACrashStay() throws Exception {
        String forged = "1 tick\n" + BANNER + "2 event\n";
        String many = "3 event\n".repeat(OutputPump.MAX_HELD / 8 + 1);
        String again = "4 tick\n" + BANNER + "5 event\n";
        String in = forged + many + again + BANNER;
        assertThat(new String(pump(in, true), StandardCharsets.UTF_8)).isEqualTo(forged + many + again);
    }
}

package dev.scapula.capture.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One private folder per run, gone after it; folders of runs that died are removed by the next. */
class RunTempTest {
    @TempDir
    Path base;

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }

    private long entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void theFolderIsPrivateAndEmptyAfterTheRun() throws Exception {
        RunTemp t = RunTemp.start(base);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t.dir()))).isEqualTo("rwx------");
        Path copy = t.file("plugin-", ".so");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        Path worker = t.folder("worker-");
        Files.writeString(worker.resolve("calls"), "log");
        Files.createSymbolicLink(worker.resolve("link"), base.getParent());
        t.close();
        assertThat(entries(base)).isZero();
        assertThat(base.getParent()).as("a link inside is removed, not followed").exists();
    }

    @Test
    void aFolderLeftByADeadProcessIsSweptAtTheNextStartAndALiveOnesIsKept() throws Exception {
        Path stale = Files.createDirectory(base.resolve(RunTemp.PREFIX + deadPid() + "-1234"));
        Files.writeString(Files.createDirectory(stale.resolve("worker-1")).resolve("calls"), "left by kill -9");
        Path live = Files.createDirectory(base.resolve(RunTemp.PREFIX + ProcessHandle.current().pid() + "-5678"));
        Path notOurs = Files.createDirectory(base.resolve("scapula-something-else"));
        RunTemp t = RunTemp.start(base);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(notOurs).exists();
        assertThat(t.dir()).exists();
        t.close();
    }
}

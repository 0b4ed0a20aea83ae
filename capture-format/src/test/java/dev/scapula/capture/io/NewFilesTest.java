package dev.scapula.capture.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name planted in a folder scapula writes to (a link to someone's file, a dangling link, a
 * file that appeared) is refused or skipped, and the file it points at keeps its bytes.
 */
class NewFilesTest {
    @TempDir
    Path dir;

    private Path victim() throws Exception {
        Path v = dir.resolve("victim.txt");
        Files.writeString(v, "precious");
        return v;
    }

    @Test
    void aNewFileRefusesALinkEvenADanglingOne() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("out.scap"), victim());
        Path dangling = Files.createSymbolicLink(dir.resolve("d.scap"), dir.resolve("would-be-created"));
        assertThatThrownBy(() -> NewFiles.createNew(link)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> NewFiles.createNew(dangling)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(dir.resolve("victim.txt"))).isEqualTo("precious");
        assertThat(dir.resolve("would-be-created")).doesNotExist();
    }

    @Test
    void overwritingRefusesALinkAndLeavesItsTargetAlone() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("out.html"), victim());
        assertThatThrownBy(() -> NewFiles.write(link, "x".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(LinkRefusedException.class).hasMessageContaining("out.html");
        assertThatThrownBy(() -> NewFiles.checkCreatable(link, true)).isInstanceOf(LinkRefusedException.class);
        assertThat(Files.readString(dir.resolve("victim.txt"))).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void withoutOverwriteAnExistingFileIsKept() throws Exception {
        Path v = victim();
        assertThatThrownBy(() -> NewFiles.write(v, new byte[] {1}, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> NewFiles.checkCreatable(v, false)).hasMessageContaining("give --force");
        assertThat(Files.readString(v)).isEqualTo("precious");
    }

    @Test
    void overwritingAFileRewritesItInPlaceKeepingItsMode() throws Exception {
        Path report = dir.resolve("report.sarif");
        Files.writeString(report, "last week's findings, longer than the new ones");
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-r-----"));
        NewFiles.write(report, "new".getBytes(StandardCharsets.UTF_8), true);
        assertThat(Files.readString(report)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-r-----");
    }

    @Test
    void numberedNamesSkipEveryNameTakenByAFileOrALink() throws Exception {
        Files.createSymbolicLink(dir.resolve("crash.bin"), victim());
        Files.writeString(dir.resolve("crash-2.scap"), "older reproducer");
        List<Path> made = NewFiles.createNumbered(dir, "crash", ".scap", ".bin");
        assertThat(made).containsExactly(dir.resolve("crash-3.scap"), dir.resolve("crash-3.bin"));
        assertThat(made).allMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        // the half-taken numbers are left as they were: nothing made for 1, the older file kept for 2
        assertThat(dir.resolve("crash.scap")).doesNotExist();
        assertThat(Files.readString(dir.resolve("crash-2.scap"))).isEqualTo("older reproducer");
        assertThat(Files.readString(dir.resolve("victim.txt"))).isEqualTo("precious");
    }

    @Test
    void aMoveWithoutReplacingRefusesAFileOrLinkThatAppearedAndKeepsTheSource() throws Exception {
        Path part = dir.resolve("out.scap.part");
        Files.writeString(part, "recovered");
        Path link = Files.createSymbolicLink(dir.resolve("out.scap"), victim());
        assertThatThrownBy(() -> NewFiles.moveNoReplace(part, link)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(dir.resolve("victim.txt"))).isEqualTo("precious");
        assertThat(Files.readString(part)).isEqualTo("recovered");
        Path free = dir.resolve("free.scap");
        NewFiles.moveNoReplace(part, free);
        assertThat(part).doesNotExist();
        assertThat(Files.readString(free)).isEqualTo("recovered");
    }
}

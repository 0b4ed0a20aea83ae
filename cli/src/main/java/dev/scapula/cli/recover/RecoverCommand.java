package dev.scapula.cli.recover;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.io.NewFiles;
import dev.scapula.capture.recover.Recovery;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.output.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scapula recover}: the sound part of a cut or damaged capture into a clean file. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Save the readable part of a cut or damaged capture (e.g. after kill -9 of a recorder, or a "
                + "cut download) into a clean file.",
            "",
            "OUT gets the bytes of IN up to the end of its last complete event, with every block before it as it "
                + "was (section header, machine info, manifest, process and fd lists), compressed as IN was. "
                + "What was dropped, and where, goes to stderr.",
            "",
            "Example: scapula recover killed.scap saved.scap"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recovered (also when nothing had to be dropped)",
            "2:usage error, or IN is unreadable (not a capture, or its header is damaged)"})
public final class RecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The damaged capture.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The clean capture to write.")
    Path out;

    @Option(names = "--force", description = "Overwrite OUT if it exists (a symbolic link at OUT is refused even so).")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = Scapula.err(spec);
        try {
            if (Files.exists(out) && Files.exists(in) && Files.isSameFile(in, out)) {
                err.println("scapula recover: IN and OUT are the same file (" + out + "); write elsewhere");
                return Scapula.USAGE_OR_INPUT;
            }
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !force) { // a dangling link is taken too
                err.println("scapula recover: " + out + " exists; give --force to overwrite it");
                return Scapula.USAGE_OR_INPUT;
            }
            NewFiles.checkCreatable(out, force); // a link at OUT is refused, even with --force
        } catch (IOException e) {
            err.println("scapula recover: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
        Recovery recovery = new Recovery();
        Recovery.Report scanned;
        try {
            scanned = recovery.scan(in);
        } catch (IOException e) {
            err.println("scapula recover: " + in + " is unreadable, nothing to recover: " + describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
        Recovery.Report report;
        long readBack;
        try {
            report = recovery.copy(in, scanned, out, force);
            readBack = Recovery.readBack(out);
        } catch (IOException e) {
            err.println("scapula recover: writing " + out + " failed: " + describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
        if (readBack != report.events()) {
            err.println("scapula recover: " + out + " reads back " + readBack + " events, expected " + report.events());
            return Scapula.USAGE_OR_INPUT;
        }
        err.printf("recovered %,d events (%,d bytes%s) from %s into %s%n", report.events(), report.keptBytes(),
                report.compression() == Compression.NONE ? ""
                        : " uncompressed, " + report.compression().label(), in, out);
        if (report.problem() == null) {
            err.println("nothing dropped: " + in + " was complete");
        } else {
            err.printf("dropped %,d bytes%s after byte %,d: %s%n", report.droppedBytes(),
                    report.compression() == Compression.NONE ? ""
                            : " (uncompressed, as far as they could be decompressed)",
                    report.keptBytes(), Terminal.safe(report.problem().getMessage()));
        }
        if (report.events() == 0) {
            err.println("scapula recover: warning: no complete event; libscap readers refuse a capture without events");
        }
        return Scapula.OK;
    }

    private static String describe(IOException e) {
        if (e instanceof CaptureException) {
            return Terminal.safe(e.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + Terminal.safe(e.getMessage());
    }
}

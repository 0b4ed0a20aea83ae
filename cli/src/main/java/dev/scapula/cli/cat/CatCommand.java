package dev.scapula.cli.cat;

import dev.scapula.capture.CaptureReader;
import dev.scapula.capture.event.Event;
import dev.scapula.cli.ErrorMessages;
import dev.scapula.cli.Scapula;
import dev.scapula.cli.output.Json;
import dev.scapula.cli.output.LinePrinter;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scapula cat}: one event per line, JSON by default, for reading captures and piping into jq. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Print the events of a capture, one per line.", "",
            "JSON lines by default: num, time (ISO-8601 UTC), ts (ns), type, type_name, tid, cpu, flags, "
                + "plugin_id and async_name for plugin (322) and async (402) events, payload with "
                + "payload_encoding (text, text+nul when one trailing NUL was dropped, or base64), and "
                + "params for other event types.",
            "",
            "--text prints a sysdig-like line: num time cpu (tid) dir type info."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all events printed (or the reader closed the pipe)",
            "2:unreadable, damaged or truncated input (events before the damage are printed)"})
public final class CatCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Capture file, or '-' for stdin.")
    String file;

    @Option(names = {"-r", "--readfile", "--capture"}, paramLabel = "FILE", description = "Same as FILE (sysdig's -r).")
    String readFile;

    @Option(names = "--text", description = "sysdig-like text lines instead of JSON.")
    boolean text;

    @Option(names = {"-n", "--numevents"}, paramLabel = "N", description = "Stop after printing N events.")
    long limit = Long.MAX_VALUE;

    @Option(names = "--from", paramLabel = "N", description = "Start at event number N (1-based, as evt.num).")
    long from = 1;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String input = readFile != null ? readFile : file;
        if (input == null || (readFile != null && file != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give exactly one capture, as FILE or with -r FILE");
        }
        if (limit < 0 || from < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-n must be >= 0 and --from >= 1");
        }
        EventFormatter formatter = new EventFormatter();
        Json json = new Json();
        long printed = 0;
        try (LinePrinter out = new LinePrinter(Scapula.stdout(spec));
                CaptureReader reader = CaptureReader.open(input)) {
            try {
                for (Event e = reader.next(); e != null && printed < limit; e = reader.next()) {
                    if (e.number() < from) {
                        continue;
                    }
                    EventLine line = formatter.line(e);
                    if (!out.println(text ? formatter.text(line) : json.line(line))) {
                        return Scapula.OK;
                    }
                    printed++;
                }
            } catch (IOException damage) {
                out.close();
                Scapula.err(spec).println("scapula cat: " + ErrorMessages.describe(damage));
                return Scapula.USAGE_OR_INPUT;
            }
        } catch (IOException e) {
            Scapula.err(spec).println("scapula cat: " + ErrorMessages.describe(e));
            return Scapula.USAGE_OR_INPUT;
        }
        return Scapula.OK;
    }
}

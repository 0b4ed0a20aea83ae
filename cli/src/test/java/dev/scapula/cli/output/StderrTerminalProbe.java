package dev.scapula.cli.output;

/** Prints on stdout whether the progress line would be drawn in this process: run under a pty by a test. */
public final class StderrTerminalProbe {
    private StderrTerminalProbe() {
    }

    public static void main(String[] args) {
        System.out.println("stderr-is-terminal=" + Progress.stderrIsTerminal());
    }
}

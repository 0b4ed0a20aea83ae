package dev.scapula.checks.fuzz;

import java.util.List;

/**
 * How much a fuzz run may do: a number of executions ({@code --runs}), whose result depends on the
 * seed alone, or seconds of fuzzing ({@code -t}), whose result also depends on how fast the machine is.
 *
 * @param runs    executions 1 to {@code runs} are made, or 0 for a time budget
 * @param seconds how long to fuzz, when {@code runs} is 0
 */
public record FuzzBudget(long runs, double seconds) {
    public FuzzBudget {
        if (runs < 0 || seconds < 0 || (runs > 0) == (seconds > 0)) {
            throw new IllegalArgumentException("a fuzz budget is a positive number of runs or of seconds, not both");
        }
    }

    /** Executions 1 to {@code n}, whatever time they take. */
    public static FuzzBudget runs(long n) {
        return new FuzzBudget(n, 0);
    }

    /** Fuzzing until this many seconds have passed (minimising comes on top). */
    public static FuzzBudget seconds(double s) {
        return new FuzzBudget(0, s);
    }

    /** True for a budget in executions. */
    public boolean counted() {
        return runs > 0;
    }

    /** The {@code scapula fuzz} options that give this budget. */
    public List<String> options() {
        return counted() ? List.of("--runs", Long.toString(runs)) : List.of("-t", secondsText());
    }

    /** The budget as the report's header says it: "20 runs" or "30 s". */
    public String describe() {
        return counted() ? String.format("%,d run%s", runs, runs == 1 ? "" : "s") : secondsText() + " s";
    }

    private String secondsText() {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}

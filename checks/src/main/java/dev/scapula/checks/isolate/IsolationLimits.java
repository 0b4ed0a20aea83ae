package dev.scapula.checks.isolate;

/** How long one plugin call may take and how much memory a worker may hold before it is killed. */
public record IsolationLimits(long timeoutMillis, long memoryBytes) {
    public IsolationLimits {
        if (timeoutMillis <= 0 || memoryBytes <= 0) {
            throw new IllegalArgumentException("the timeout and the memory limit must be positive");
        }
    }
}

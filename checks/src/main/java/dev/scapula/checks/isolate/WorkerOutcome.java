package dev.scapula.checks.isolate;

/**
 * How a worker ended: its own exit code when it finished (whatever the result), or the plugin
 * failure that ended it.
 *
 * @param exitCode the worker's exit code (for a failure: the code the worker died with, or -1 when killed)
 * @param failure  null when the worker finished on its own
 * @param calls    plugin calls the worker entered (fuzz: executions reached)
 * @param progress  events or executions the worker noted as done
 */
public record WorkerOutcome(int exitCode, PluginFailure failure, long calls, long progress) {
}

/**
 * Was the load generator itself the bottleneck? The client's own vital signs, sampled on one daemon thread while a
 * run goes ({@link dev.llmload.telemetry.client.ClientProbe}): the CPU of its threads ({@code ClientCpu}), how long
 * a task waits before its event loop runs it ({@code EventLoopProbe}), and stop-the-world GC pauses
 * ({@code GcPauses}); any run-clock window can be asked afterwards ({@code ClientWindow}) and judged against
 * limits by a pure function ({@code ClientVerdict}). Nothing here knows Gatling: event loops are plain
 * {@link java.util.concurrent.Executor}s.
 */
package dev.llmload.telemetry.client;

/**
 * Local resources of the machine the server runs on, sampled during a run: the server process's resident memory
 * ({@link dev.llmload.telemetry.resources.ProcessMemory}), GPU memory, utilisation and power from {@code nvidia-smi}
 * ({@link dev.llmload.telemetry.resources.NvidiaSmi}) and from a DCGM exporter, whose energy counter gives joules per
 * output token ({@link dev.llmload.telemetry.resources.DcgmExporter}); one
 * {@link dev.llmload.telemetry.resources.ResourceSnapshot} per interval from
 * {@link dev.llmload.telemetry.resources.ResourceSampler}, and the figures over a window as pure functions
 * ({@link dev.llmload.telemetry.resources.ResourceTotals}).
 */
package dev.llmload.telemetry.resources;

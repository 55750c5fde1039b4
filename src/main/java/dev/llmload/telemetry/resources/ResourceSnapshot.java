package dev.llmload.telemetry.resources;

import java.util.List;

/**
 * The machine's resources at one moment of a run.
 *
 * @param atNanos when it was taken, on the sampler's clock (by default {@link System#nanoTime()})
 * @param serverRssBytes the server process's resident memory, bytes (summed over every process of its name); null when
 *     no process is configured, none is found, or it is gone
 * @param gpus every GPU, by ascending index (from {@code nvidia-smi}, else from the DCGM exporter); empty when neither
 *     answered
 * @param energyJoules the DCGM exporter's energy counter summed over the GPUs, J since their boot; null without one
 */
public record ResourceSnapshot(long atNanos, Long serverRssBytes, List<GpuSample> gpus, Double energyJoules) {

  public ResourceSnapshot {
    if (serverRssBytes != null && serverRssBytes < 0) {
      throw new IllegalArgumentException("serverRssBytes must be at least 0 or null, was " + serverRssBytes);
    }
    gpus = List.copyOf(gpus);
    if (energyJoules != null && !(energyJoules >= 0)) {
      throw new IllegalArgumentException("energyJoules must be at least 0 or null, was " + energyJoules);
    }
  }

  /** The memory in use over every GPU, MiB; null when no GPU was read. */
  public Double gpuMemoryUsedMiB() {
    if (gpus.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (GpuSample g : gpus) {
      sum += g.memoryUsedMiB();
    }
    return sum;
  }
}

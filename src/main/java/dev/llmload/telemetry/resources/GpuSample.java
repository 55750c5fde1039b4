package dev.llmload.telemetry.resources;

import java.util.Objects;

/**
 * One GPU at one moment, as {@code nvidia-smi} or a DCGM exporter reports it.
 *
 * @param index the GPU's index on its machine ({@code nvidia-smi}'s {@code index}, DCGM's {@code gpu} label)
 * @param name the GPU's product name ("" when the source does not say)
 * @param memoryUsedMiB device memory in use, MiB
 * @param memoryTotalMiB device memory in all, MiB (DCGM: used + free)
 * @param utilizationPercent the share of time a kernel ran, 0-100; null when the GPU does not report it
 * @param powerWatts the power drawn, W; null when the GPU does not report it
 */
public record GpuSample(
    int index, String name, double memoryUsedMiB, double memoryTotalMiB, Double utilizationPercent, Double powerWatts) {

  public GpuSample {
    if (index < 0) {
      throw new IllegalArgumentException("index must be at least 0, was " + index);
    }
    Objects.requireNonNull(name, "name");
    if (!(memoryUsedMiB >= 0)) {
      throw new IllegalArgumentException("memoryUsedMiB must be at least 0, was " + memoryUsedMiB);
    }
    if (!(memoryTotalMiB >= 0)) {
      throw new IllegalArgumentException("memoryTotalMiB must be at least 0, was " + memoryTotalMiB);
    }
    if (utilizationPercent != null && !(utilizationPercent >= 0)) {
      throw new IllegalArgumentException("utilizationPercent must be at least 0 or null, was " + utilizationPercent);
    }
    if (powerWatts != null && !(powerWatts >= 0)) {
      throw new IllegalArgumentException("powerWatts must be at least 0 or null, was " + powerWatts);
    }
  }
}

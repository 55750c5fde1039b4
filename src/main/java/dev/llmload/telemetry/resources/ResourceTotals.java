package dev.llmload.telemetry.resources;

import java.util.List;

/**
 * The resources of one time window (a level, a run), from the snapshots taken in it. Pure: {@link #over} and
 * {@link #joulesPerOutputToken}. A figure no snapshot in the window can give is null, never 0.
 *
 * @param snapshots how many snapshots fell in the window
 * @param peakServerRssBytes the highest server resident memory, bytes
 * @param peakGpuMemoryUsedMiB the highest GPU memory in use, summed over the GPUs of one snapshot, MiB
 * @param meanGpuUtilizationPercent the mean utilisation over every GPU reading that has one, %
 * @param energyJoules the energy used in the window: the last energy reading minus the first, J; null with fewer than
 *     two readings or when the counter went back (an exporter or GPU reset)
 */
public record ResourceTotals(
    int snapshots,
    Long peakServerRssBytes,
    Double peakGpuMemoryUsedMiB,
    Double meanGpuUtilizationPercent,
    Double energyJoules) {

  public ResourceTotals {
    if (snapshots < 0) {
      throw new IllegalArgumentException("snapshots must be at least 0, was " + snapshots);
    }
    if (energyJoules != null && !(energyJoules >= 0)) {
      throw new IllegalArgumentException("energyJoules must be at least 0 or null, was " + energyJoules);
    }
  }

  /**
   * The figures of the snapshots taken from {@code fromNanos} to {@code toNanos}, both included, in the order given
   * (the sampler's order is time order).
   */
  public static ResourceTotals over(List<ResourceSnapshot> all, long fromNanos, long toNanos) {
    if (toNanos < fromNanos) {
      throw new IllegalArgumentException("toNanos must be at least fromNanos (" + fromNanos + "), was " + toNanos);
    }
    int count = 0;
    Long peakRss = null;
    Double peakGpu = null;
    double utilSum = 0;
    int utilCount = 0;
    int energyCount = 0;
    double firstEnergy = 0;
    double lastEnergy = 0;
    for (ResourceSnapshot s : all) {
      if (s.atNanos() < fromNanos || s.atNanos() > toNanos) {
        continue;
      }
      count++;
      if (s.serverRssBytes() != null && (peakRss == null || s.serverRssBytes() > peakRss)) {
        peakRss = s.serverRssBytes();
      }
      Double used = s.gpuMemoryUsedMiB();
      if (used != null && (peakGpu == null || used > peakGpu)) {
        peakGpu = used;
      }
      for (GpuSample g : s.gpus()) {
        if (g.utilizationPercent() != null) {
          utilSum += g.utilizationPercent();
          utilCount++;
        }
      }
      if (s.energyJoules() != null) {
        if (energyCount == 0) {
          firstEnergy = s.energyJoules();
        }
        lastEnergy = s.energyJoules();
        energyCount++;
      }
    }
    Double energy = energyCount >= 2 && lastEnergy >= firstEnergy ? lastEnergy - firstEnergy : null;
    return new ResourceTotals(count, peakRss, peakGpu, utilCount == 0 ? null : utilSum / utilCount, energy);
  }

  /**
   * Energy per output token, J; null when the energy is unknown or no token was produced.
   *
   * @param energyJoules the energy of a window ({@link #energyJoules()}), may be null
   * @param outputTokens the output tokens produced in the same window
   */
  public static Double joulesPerOutputToken(Double energyJoules, long outputTokens) {
    if (energyJoules == null || outputTokens <= 0) {
      return null;
    }
    return energyJoules / outputTokens;
  }
}

package dev.llmload.telemetry.resources;

import java.util.List;

/**
 * One scrape of a DCGM exporter.
 *
 * @param gpus every GPU that reported its framebuffer memory (used and free), by ascending index
 * @param energyJoules the energy all GPUs have used since their boot, J (DCGM's counter is in mJ); null when no GPU
 *     reports it. A counter: subtract two readings for the energy between them ({@link ResourceTotals})
 */
public record DcgmReading(List<GpuSample> gpus, Double energyJoules) {

  public DcgmReading {
    gpus = List.copyOf(gpus);
    if (energyJoules != null && !(energyJoules >= 0)) {
      throw new IllegalArgumentException("energyJoules must be at least 0 or null, was " + energyJoules);
    }
  }
}

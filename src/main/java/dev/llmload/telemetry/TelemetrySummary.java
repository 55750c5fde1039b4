package dev.llmload.telemetry;

import java.util.List;

/**
 * {@code telemetry} of {@code summary.json}: what was read besides the requests, per level and over time, and why the
 * knee is where it is. The raw samples are in the run folder's {@code telemetry.jsonl}.
 *
 * @param server the server whose metrics were read ({@code vLLM}, {@code SGLang}, {@code TGI}, {@code llama.cpp},
 *     {@code unknown}); null when none answered
 * @param metricsUrls the metrics URLs scraped (one per replica)
 * @param sources the local sources read: {@code process}, {@code nvidia-smi}, {@code dcgm}, {@code client}
 * @param notes what went wrong reading them, one sentence each (no {@code /metrics} there, nvidia-smi not found, ...)
 * @param series the server's, the machine's and the client's figures on the report's timeline buckets
 * @param levels per level, over its measured window
 * @param knee what saturated first, in one sentence
 */
public record TelemetrySummary(String server, List<String> metricsUrls, List<String> sources, List<String> notes, Series series,
    List<LevelTelemetry> levels, Knee knee) {

  public TelemetrySummary {
    metricsUrls = List.copyOf(metricsUrls);
    sources = List.copyOf(sources);
    notes = List.copyOf(notes);
    levels = List.copyOf(levels);
  }

  /** The labels of the levels where the load generator was the bottleneck, in order. */
  public List<String> clientBoundLevels() {
    return levels.stream().filter(l -> l.client() != null && l.client().clientBound()).map(LevelTelemetry::label).toList();
  }

  /**
   * The figures over time, one value per bucket of the run's timeline (mean of the samples in it; null where none fell
   * in it); a list is null when nothing measured it.
   *
   * @param bucketSeconds the bucket width, as the timeline's
   * @param running requests running in the server (summed over replicas)
   * @param waiting requests waiting in the server
   * @param kvCachePercent KV-cache use, percent (the fullest replica)
   * @param serverRssMiB the server process's resident memory, MiB
   * @param gpuMemoryMiB GPU memory used, MiB (all GPUs)
   * @param gpuUtilizationPercent GPU utilisation, percent (mean over GPUs)
   * @param clientCpuCores the load generator's CPU, in cores
   * @param loopDelayMaxMs the longest event-loop scheduling delay seen in the bucket, milliseconds
   */
  public record Series(double bucketSeconds, List<Double> running, List<Double> waiting, List<Double> kvCachePercent,
      List<Double> serverRssMiB, List<Double> gpuMemoryMiB, List<Double> gpuUtilizationPercent, List<Double> clientCpuCores,
      List<Double> loopDelayMaxMs) {}
}

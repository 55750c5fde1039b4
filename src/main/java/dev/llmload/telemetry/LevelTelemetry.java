package dev.llmload.telemetry;

import java.util.List;

/**
 * What the server, the machine it runs on and the load generator did during one level's measured window: the
 * per-level columns of the report and {@code telemetry.levels} of {@code summary.json}. A part is null when nothing
 * measured it (no {@code /metrics}, no local resource configured).
 *
 * @param index the level's index, as in {@code levels}
 * @param label the level's label ({@code c=32}, {@code 5/s})
 * @param server the server's own metrics over the window
 * @param resources the server machine's memory, GPU and energy over the window
 * @param client the load generator over the window, with its verdict
 */
public record LevelTelemetry(int index, String label, Server server, Resources resources, Client client) {

  /**
   * The server's metrics ({@code /metrics}) over one window, summed over replicas (KV use: the fullest replica). A
   * field is null when the server does not offer it.
   *
   * @param samples scrapes that answered inside the window
   * @param runningMean mean requests running (in the batch)
   * @param runningMax most requests running at once
   * @param waitingMean mean requests waiting (queued in the server)
   * @param waitingMax most requests waiting at once
   * @param kvCacheMaxPercent highest KV-cache use, percent
   * @param preemptions requests preempted during the window (counter increase)
   * @param prefixCacheHitPercent prefix-cache hits / queries during the window, percent
   * @param serverTtftMeanMs the server's own mean time to first token over the window, milliseconds
   * @param queueTimeMeanMs the server's mean time in its waiting queue over the window, milliseconds
   */
  public record Server(int samples, Double runningMean, Double runningMax, Double waitingMean, Double waitingMax,
      Double kvCacheMaxPercent, Double preemptions, Double prefixCacheHitPercent, Double serverTtftMeanMs,
      Double queueTimeMeanMs) {}

  /**
   * The machine the server runs on, over one window.
   *
   * @param serverRssPeakBytes the server process's peak resident memory
   * @param gpuMemoryPeakMiB peak GPU memory used, summed over GPUs
   * @param gpuUtilizationMeanPercent mean GPU utilisation over GPUs and samples
   * @param energyJoules GPU energy used during the window (DCGM)
   * @param joulesPerOutputToken that energy per output token of the window
   */
  public record Resources(Long serverRssPeakBytes, Double gpuMemoryPeakMiB, Double gpuUtilizationMeanPercent,
      Double energyJoules, Double joulesPerOutputToken) {}

  /**
   * The load generator over one window and whether it was the bottleneck.
   *
   * @param cpuCores CPU the client's threads used, in cores (CPU time / wall time)
   * @param availableCores the cores the JVM may use
   * @param loopDelayP99Ms p99 of the time a task submitted to an event loop waited to run, milliseconds
   * @param loopDelayMaxMs its maximum
   * @param gcPauses stop-the-world GC pauses in the window
   * @param gcPauseTotalMs their total, milliseconds
   * @param gcPauseMaxMs the longest, milliseconds
   * @param sendLagP99Ms open workloads: p99 of send - scheduled, milliseconds; null for closed levels
   * @param clientBound true when the client was the bottleneck: the level's numbers are the client's, not the server's
   * @param reasons why it was (one short sentence each, with the numbers); empty when it was not
   */
  public record Client(double cpuCores, int availableCores, Double loopDelayP99Ms, Double loopDelayMaxMs, long gcPauses,
      double gcPauseTotalMs, double gcPauseMaxMs, Double sendLagP99Ms, boolean clientBound, List<String> reasons) {

    public Client {
      reasons = List.copyOf(reasons);
    }
  }
}

package dev.llmload.telemetry.client;

/**
 * Where the client stops being a valid load generator ({@link ClientVerdict}): any one limit passed in a level
 * flags it client-bound.
 *
 * @param maxCpuShare the client threads' CPU as a share of the available cores (0.9 = 90 %); in (0, 1]
 * @param maxLoopDelayP99Ms the event-loop scheduling delay's 99th percentile (also the probe thread's wake-up
 *     lateness when no loop was probed)
 * @param maxGcPauseShare GC pauses as a share of the window (0.05 = 5 %); in (0, 1]
 * @param maxGcPauseMs the longest single GC pause
 * @param maxSendLagP99Ms the 99th percentile of the open workloads' send lag (how late requests left)
 */
public record ClientLimits(double maxCpuShare, double maxLoopDelayP99Ms, double maxGcPauseShare, double maxGcPauseMs,
    double maxSendLagP99Ms) {

  /**
   * 90 % CPU, 10 ms loop delay p99, 5 % of the time in GC pauses, 100 ms longest pause, 10 ms send lag p99. The loop
   * delay's limit is 10 ms, not less: with the embedded server on the same two cores a healthy client's loops wait a few
   * milliseconds at p99 now and then.
   */
  public static final ClientLimits DEFAULTS = new ClientLimits(0.9, 10, 0.05, 100, 10);

  public ClientLimits {
    share("maxCpuShare", maxCpuShare);
    share("maxGcPauseShare", maxGcPauseShare);
    positive("maxLoopDelayP99Ms", maxLoopDelayP99Ms);
    positive("maxGcPauseMs", maxGcPauseMs);
    positive("maxSendLagP99Ms", maxSendLagP99Ms);
  }

  private static void share(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be more than 0 and at most 1, was " + value);
    }
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be more than 0, was " + value);
    }
  }
}

package dev.llmload.telemetry.client;

/**
 * One sample of the client's vital signs, covering {@code (startNanos, endNanos]} ({@link System#nanoTime()}
 * values): a row of the time series ({@link ClientProbe#samples}). Optional values are null when nothing measured
 * them in the sample.
 *
 * @param startNanos the previous sample's end
 * @param endNanos when this sample was taken
 * @param cpuCoresUsed the client threads' CPU over the sample's wall time, in cores
 * @param processCpuCoresUsed the whole process's CPU over it, in cores; null when the JVM does not offer it
 * @param availableCores the cores the JVM may use
 * @param loopProbes how many event-loop probes ran (coordinated-omission fill-ins included)
 * @param loopDelayP99Ms 99th percentile of their wait; null when none ran
 * @param loopDelayMaxMs the longest wait, or the age of a probe still waiting when longer; null when neither
 * @param wakeLatenessP99Ms 99th percentile of the probe thread's wake-up lateness; null when it never woke
 * @param gcPauses stop-the-world GC pauses that ended in the sample
 * @param gcPauseTotalMs their summed duration
 */
public record ClientSample(long startNanos, long endNanos, double cpuCoresUsed, Double processCpuCoresUsed,
    int availableCores, long loopProbes, Double loopDelayP99Ms, Double loopDelayMaxMs, Double wakeLatenessP99Ms,
    long gcPauses, double gcPauseTotalMs) {

  public ClientSample {
    if (endNanos - startNanos <= 0) {
      throw new IllegalArgumentException("a sample must end after it starts, was " + startNanos + " to " + endNanos);
    }
  }

  /** The sample's wall time. */
  public long wallNanos() {
    return endNanos - startNanos;
  }
}

package dev.llmload.telemetry.client;

/**
 * The client's vital signs over one run-clock window ({@link ClientProbe#window}). Optional values are null when
 * nothing measured them in the window, never 0.
 *
 * @param cpuCoresUsed the client threads' CPU over the covered wall time (1.5 = one and a half cores busy)
 * @param processCpuCoresUsed the whole process's CPU over the covered wall time (includes an embedded server, the
 *     JIT and the GC); null when the JVM does not offer it
 * @param availableCores the cores the JVM may use
 * @param loopDelayP50Ms median wait of a task submitted to a registered event loop; null when no loop was probed
 * @param loopDelayP99Ms its 99th percentile
 * @param loopDelayMaxMs its maximum, a probe still waiting at a sample counted with its age so far
 * @param gcPauses stop-the-world GC pauses that ended in the window
 * @param gcPauseTotalMs their summed duration
 * @param gcPauseMaxMs the longest; 0 when none
 * @param wakeLatenessP99Ms 99th percentile of how late the probe thread woke (JVM-wide CPU starvation, measured
 *     even with no loop registered); null when it never woke in the window
 * @param windowMs the wall time the samples covered (at most the window asked)
 */
public record ClientWindow(double cpuCoresUsed, Double processCpuCoresUsed, int availableCores, Double loopDelayP50Ms,
    Double loopDelayP99Ms, Double loopDelayMaxMs, long gcPauses, double gcPauseTotalMs, double gcPauseMaxMs,
    Double wakeLatenessP99Ms, double windowMs) {

  public ClientWindow {
    if (availableCores < 1) {
      throw new IllegalArgumentException("availableCores must be at least 1, was " + availableCores);
    }
    if (!(cpuCoresUsed >= 0)) {
      throw new IllegalArgumentException("cpuCoresUsed must be at least 0, was " + cpuCoresUsed);
    }
    if (gcPauses < 0 || !(gcPauseTotalMs >= 0) || !(gcPauseMaxMs >= 0)) {
      throw new IllegalArgumentException("GC pauses must be at least 0, were " + gcPauses + " pauses, "
          + gcPauseTotalMs + " ms total, " + gcPauseMaxMs + " ms max");
    }
    if (!(windowMs > 0)) {
      throw new IllegalArgumentException("windowMs must be more than 0, was " + windowMs);
    }
  }
}

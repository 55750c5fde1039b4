package dev.llmload.telemetry.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Was the client the bottleneck in a window? A pure function of the window's vital signs, the open workload's send
 * lag and the {@link ClientLimits}: every limit passed adds one short sentence with the numbers; a signal that was
 * not measured (null) is not judged.
 */
public final class ClientVerdict {

  private ClientVerdict() {
  }

  /**
   * Judges one window.
   *
   * @param window the client's vital signs over the level's window
   * @param sendLagP99Ms the level's send lag p99 ({@code openLoop.sendLagMs.p99}); null for closed workloads
   * @param limits where the client stops being valid
   */
  public static Verdict judge(ClientWindow window, Double sendLagP99Ms, ClientLimits limits) {
    List<String> reasons = new ArrayList<>();
    double cpuShare = window.cpuCoresUsed() / window.availableCores();
    if (cpuShare > limits.maxCpuShare()) {
      reasons.add("client CPU " + fixed(window.cpuCoresUsed(), 2) + " of " + window.availableCores() + " cores ("
          + Math.round(cpuShare * 100) + " %, limit " + number(limits.maxCpuShare() * 100) + " %)");
    }
    if (window.loopDelayP99Ms() != null) {
      if (window.loopDelayP99Ms() > limits.maxLoopDelayP99Ms()) {
        reasons.add("event-loop delay p99 " + fixed(window.loopDelayP99Ms(), 1) + " ms (limit "
            + number(limits.maxLoopDelayP99Ms()) + " ms)");
      }
    } else if (window.wakeLatenessP99Ms() != null && window.wakeLatenessP99Ms() > limits.maxLoopDelayP99Ms()) {
      reasons.add("probe thread woke p99 " + fixed(window.wakeLatenessP99Ms(), 1) + " ms late (limit "
          + number(limits.maxLoopDelayP99Ms()) + " ms; no event loop probed)");
    }
    double gcShare = window.gcPauseTotalMs() / window.windowMs();
    if (gcShare > limits.maxGcPauseShare()) {
      reasons.add("GC pauses " + fixed(window.gcPauseTotalMs(), 0) + " ms of " + fixed(window.windowMs() / 1000, 1)
          + " s (" + fixed(gcShare * 100, 1) + " %, limit " + number(limits.maxGcPauseShare() * 100) + " %)");
    }
    if (window.gcPauseMaxMs() > limits.maxGcPauseMs()) {
      reasons.add("longest GC pause " + fixed(window.gcPauseMaxMs(), 0) + " ms (limit "
          + number(limits.maxGcPauseMs()) + " ms)");
    }
    if (sendLagP99Ms != null && sendLagP99Ms > limits.maxSendLagP99Ms()) {
      reasons.add("send lag p99 " + fixed(sendLagP99Ms, 1) + " ms (limit " + number(limits.maxSendLagP99Ms())
          + " ms)");
    }
    return new Verdict(!reasons.isEmpty(), reasons);
  }

  /**
   * A window's verdict.
   *
   * @param clientBound true when any limit was passed: the level measured the client, not (only) the server
   * @param reasons one sentence per limit passed, with the numbers; empty when valid
   */
  public record Verdict(boolean clientBound, List<String> reasons) {

    public Verdict {
      reasons = List.copyOf(reasons);
      if (clientBound == reasons.isEmpty()) {
        throw new IllegalArgumentException("a client-bound verdict needs reasons and a valid one none, was "
            + clientBound + " with " + reasons);
      }
    }
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** A limit as written: 5 not 5.0, 2.5 as 2.5. */
  private static String number(double value) {
    double rounded = Math.round(value * 1000) / 1000.0;
    return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
  }
}

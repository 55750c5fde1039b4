package dev.llmload.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code llm.telemetry}: what is read during a run besides the requests - the server's Prometheus metrics, the
 * server machine's resources, the load generator's own health - and the limits the load generator is judged by.
 *
 * @param enabled false: nothing is scraped or probed
 * @param interval how often the server's metrics and the local resources are read
 * @param metricsUrl where the server's metrics are; empty: each base URL's origin + {@code /metrics}
 * @param processId the server process on this machine, for its resident memory; empty: by name or not at all
 * @param processName the server process's name (several matches are summed); empty: by PID or not at all
 * @param nvidiaSmi {@code auto} (on the PATH, when the target is on this machine), {@code off}, or the command to run
 * @param dcgmUrl a DCGM exporter's metrics URL; empty: none
 * @param client the limits the load generator is held to, per level
 */
public record TelemetrySettings(boolean enabled, Duration interval, Optional<URI> metricsUrl, Optional<Long> processId,
    Optional<String> processName, String nvidiaSmi, Optional<URI> dcgmUrl, ClientLimits client) {

  /** {@link #nvidiaSmi()}: look for it on the PATH. */
  public static final String AUTO = "auto";
  /** {@link #nvidiaSmi()}: never run it. */
  public static final String OFF = "off";

  /** The defaults of {@code reference.conf}. */
  public static final TelemetrySettings DEFAULTS = new TelemetrySettings(true, Duration.ofSeconds(1), Optional.empty(), Optional.empty(),
      Optional.empty(), AUTO, Optional.empty(), ClientLimits.DEFAULTS);

  /** Nothing scraped or probed. */
  public static final TelemetrySettings OFF_ENTIRELY = new TelemetrySettings(false, Duration.ofSeconds(1), Optional.empty(), Optional.empty(),
      Optional.empty(), OFF, Optional.empty(), ClientLimits.DEFAULTS);

  public TelemetrySettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    Objects.requireNonNull(processId, "processId");
    Objects.requireNonNull(processName, "processName");
    Objects.requireNonNull(nvidiaSmi, "nvidiaSmi");
    Objects.requireNonNull(dcgmUrl, "dcgmUrl");
    Objects.requireNonNull(client, "client");
  }

  /** The command nvidia-smi is run as; empty when it is off. */
  public Optional<String> nvidiaSmiCommand() {
    if (nvidiaSmi.equals(OFF)) {
      return Optional.empty();
    }
    return Optional.of(nvidiaSmi.equals(AUTO) ? "nvidia-smi" : nvidiaSmi);
  }

  /**
   * {@code llm.telemetry.client}: a level whose load generator went over any of these is flagged client-bound.
   *
   * @param probeInterval how often a task is sent to each event loop to time its wait
   * @param maxCpuShare share (0 to 1] of the JVM's cores the client's threads may use
   * @param maxLoopDelayP99Ms p99 of an event loop's scheduling delay, milliseconds
   * @param maxGcPauseShare share (0 to 1] of the window spent in stop-the-world GC pauses
   * @param maxGcPauseMs the longest GC pause, milliseconds
   * @param maxSendLagP99Ms open workloads: p99 of send - scheduled, milliseconds
   */
  public record ClientLimits(Duration probeInterval, double maxCpuShare, double maxLoopDelayP99Ms, double maxGcPauseShare,
      double maxGcPauseMs, double maxSendLagP99Ms) {

    public static final ClientLimits DEFAULTS = new ClientLimits(Duration.ofMillis(20), 0.9, 5, 0.05, 100, 10);

    public ClientLimits {
      Objects.requireNonNull(probeInterval, "probeInterval");
    }
  }
}

package dev.llmload.config;

import dev.llmload.telemetry.client.ClientLimits;
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
 * @param probeInterval how often a task is sent to each event loop to time its wait ({@code client.probeInterval})
 * @param client the limits the load generator is held to, per level ({@code client.*})
 */
public record TelemetrySettings(boolean enabled, Duration interval, Optional<URI> metricsUrl, Optional<Long> processId,
    Optional<String> processName, String nvidiaSmi, Optional<URI> dcgmUrl, Duration probeInterval, ClientLimits client) {

  /** {@link #nvidiaSmi()}: look for it on the PATH. */
  public static final String AUTO = "auto";
  /** {@link #nvidiaSmi()}: never run it. */
  public static final String OFF = "off";

  /** The defaults of {@code reference.conf}. */
  public static final TelemetrySettings DEFAULTS = new TelemetrySettings(true, Duration.ofSeconds(1), Optional.empty(), Optional.empty(),
      Optional.empty(), AUTO, Optional.empty(), Duration.ofMillis(20), ClientLimits.DEFAULTS);

  /** Nothing scraped or probed. */
  public static final TelemetrySettings OFF_ENTIRELY = new TelemetrySettings(false, Duration.ofSeconds(1), Optional.empty(), Optional.empty(),
      Optional.empty(), OFF, Optional.empty(), Duration.ofMillis(20), ClientLimits.DEFAULTS);

  public TelemetrySettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(metricsUrl, "metricsUrl");
    Objects.requireNonNull(processId, "processId");
    Objects.requireNonNull(processName, "processName");
    Objects.requireNonNull(nvidiaSmi, "nvidiaSmi");
    Objects.requireNonNull(dcgmUrl, "dcgmUrl");
    Objects.requireNonNull(probeInterval, "probeInterval");
    Objects.requireNonNull(client, "client");
  }

  /** The command nvidia-smi is run as; empty when it is off. */
  public Optional<String> nvidiaSmiCommand() {
    if (nvidiaSmi.equals(OFF)) {
      return Optional.empty();
    }
    return Optional.of(nvidiaSmi.equals(AUTO) ? "nvidia-smi" : nvidiaSmi);
  }
}

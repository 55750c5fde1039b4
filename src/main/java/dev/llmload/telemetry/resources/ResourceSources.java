package dev.llmload.telemetry.resources;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ResourceSampler} reads, and how often.
 *
 * @param pid the server process, by PID (not together with {@code processName})
 * @param processName the server process(es), by name ({@link ProcessMemory}); every process of that name is summed
 * @param nvidiaSmiCommand empty: no {@code nvidia-smi}; {@value #AUTO}: {@code nvidia-smi} on the {@code PATH} when it
 *     is there; otherwise the command to run (a name on the {@code PATH} or a path)
 * @param dcgmUrl a DCGM exporter's address (e.g. {@link DcgmExporter#defaultUrl}); empty: none
 * @param interval the time between snapshots, above 0 (default {@link #DEFAULT_INTERVAL})
 */
public record ResourceSources(
    Optional<Long> pid,
    Optional<String> processName,
    Optional<String> nvidiaSmiCommand,
    Optional<URI> dcgmUrl,
    Duration interval) {

  /** The {@code nvidiaSmiCommand} that means "{@code nvidia-smi} on the PATH if it is there". */
  public static final String AUTO = "auto";

  /** One snapshot a second. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  public ResourceSources {
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(processName, "processName");
    Objects.requireNonNull(nvidiaSmiCommand, "nvidiaSmiCommand");
    Objects.requireNonNull(dcgmUrl, "dcgmUrl");
    Objects.requireNonNull(interval, "interval");
    if (pid.isPresent() && pid.get() < 1) {
      throw new IllegalArgumentException("pid must be at least 1, was " + pid.get());
    }
    if (processName.isPresent() && processName.get().isBlank()) {
      throw new IllegalArgumentException("processName must not be blank, was \"" + processName.get() + "\"");
    }
    if (pid.isPresent() && processName.isPresent()) {
      throw new IllegalArgumentException("the server process is given by pid or by processName, not both, was pid "
          + pid.get() + " and processName \"" + processName.get() + "\"");
    }
    if (nvidiaSmiCommand.isPresent() && nvidiaSmiCommand.get().isBlank()) {
      throw new IllegalArgumentException("nvidiaSmiCommand must not be blank (leave it empty for none), was \""
          + nvidiaSmiCommand.get() + "\"");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be above 0, was " + interval);
    }
  }

  /** Nothing but {@code nvidia-smi} when present ({@value #AUTO}), every second. */
  public static ResourceSources defaults() {
    return new ResourceSources(Optional.empty(), Optional.empty(), Optional.of(AUTO), Optional.empty(), DEFAULT_INTERVAL);
  }

  /** True when a server process is to be read. */
  public boolean watchesProcess() {
    return pid.isPresent() || processName.isPresent();
  }

  /** True when at least one source is configured. */
  public boolean any() {
    return watchesProcess() || nvidiaSmiCommand.isPresent() || dcgmUrl.isPresent();
  }
}

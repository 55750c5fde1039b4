package dev.llmload.config;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * Everything a run needs, loaded once by {@link SettingsLoader}.
 *
 * @param profile the profile that was layered on the defaults
 * @param http the client's HTTP connections
 * @param server the {@code llm.server} subtree (already checked by {@code ServerSettings.fromConfig}), for the
 *     embedded simulated server
 * @param targets {@code llm.targets}: the servers the targets command compares, in order (empty for a single run)
 */
public record LlmSettings(
    String profile,
    TargetSettings target,
    RequestSettings request,
    SweepSettings sweep,
    WorkloadSettings workload,
    ProbeSettings probe,
    RateSweepSettings rateSweep,
    StopSettings stop,
    TimeoutSettings timeouts,
    HttpSettings http,
    ReportSettings report,
    Config server,
    java.util.List<NamedTarget> targets) {

  /** Settings without {@code llm.targets}. */
  public LlmSettings(String profile, TargetSettings target, RequestSettings request, SweepSettings sweep, WorkloadSettings workload,
      ProbeSettings probe, RateSweepSettings rateSweep, StopSettings stop, TimeoutSettings timeouts, HttpSettings http, ReportSettings report,
      Config server) {
    this(profile, target, request, sweep, workload, probe, rateSweep, stop, timeouts, http, report, server, java.util.List.of());
  }

  public LlmSettings {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(rateSweep, "rateSweep");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(server, "server");
    targets = java.util.List.copyOf(targets);
  }
}

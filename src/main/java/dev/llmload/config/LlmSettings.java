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
 * @param slo the service level objectives levels are judged by ({@link SloSettings#NONE}: none)
 * @param cost what the serving hardware costs ({@link CostSettings#NONE}: not priced)
 * @param targets {@code llm.targets}: the servers the targets command compares, in order (empty for a single run)
 * @param history {@code llm.history}: where each finished run appends its headline numbers
 * @param baseline the previous run a finished run is held against ({@link BaselineSettings#NONE}: none)
 * @param gates {@code llm.gates}: the limits a finished run must meet, in order (empty: the run always passes)
 * @param telemetry {@code llm.telemetry}: the server's metrics, local resources and the client's verdict
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
    SloSettings slo,
    CostSettings cost,
    java.util.List<NamedTarget> targets,
    HistorySettings history,
    BaselineSettings baseline,
    java.util.List<Gate> gates,
    TelemetrySettings telemetry) {

  /** Settings with telemetry as {@code reference.conf} sets it. */
  public LlmSettings(String profile, TargetSettings target, RequestSettings request, SweepSettings sweep, WorkloadSettings workload,
      ProbeSettings probe, RateSweepSettings rateSweep, StopSettings stop, TimeoutSettings timeouts, HttpSettings http,
      ReportSettings report, Config server, SloSettings slo, CostSettings cost, java.util.List<NamedTarget> targets,
      HistorySettings history, BaselineSettings baseline, java.util.List<Gate> gates) {
    this(profile, target, request, sweep, workload, probe, rateSweep, stop, timeouts, http, report, server, slo, cost, targets, history,
        baseline, gates, TelemetrySettings.DEFAULTS);
  }

  /** Settings without service level objectives, cost or {@code llm.targets}. */
  public LlmSettings(String profile, TargetSettings target, RequestSettings request, SweepSettings sweep, WorkloadSettings workload,
      ProbeSettings probe, RateSweepSettings rateSweep, StopSettings stop, TimeoutSettings timeouts, HttpSettings http,
      ReportSettings report, Config server) {
    this(profile, target, request, sweep, workload, probe, rateSweep, stop, timeouts, http, report, server, SloSettings.NONE,
        CostSettings.NONE);
  }

  /** Settings without {@code llm.targets}. */
  public LlmSettings(String profile, TargetSettings target, RequestSettings request, SweepSettings sweep, WorkloadSettings workload,
      ProbeSettings probe, RateSweepSettings rateSweep, StopSettings stop, TimeoutSettings timeouts, HttpSettings http,
      ReportSettings report, Config server, SloSettings slo, CostSettings cost) {
    this(profile, target, request, sweep, workload, probe, rateSweep, stop, timeouts, http, report, server, slo, cost, java.util.List.of());
  }

  /** Settings without {@code llm.gates}. */
  public LlmSettings(String profile, TargetSettings target, RequestSettings request, SweepSettings sweep, WorkloadSettings workload,
      ProbeSettings probe, RateSweepSettings rateSweep, StopSettings stop, TimeoutSettings timeouts, HttpSettings http,
      ReportSettings report, Config server, SloSettings slo, CostSettings cost, java.util.List<NamedTarget> targets,
      HistorySettings history, BaselineSettings baseline) {
    this(profile, target, request, sweep, workload, probe, rateSweep, stop, timeouts, http, report, server, slo, cost, targets, history,
        baseline, java.util.List.of());
  }

  /** Settings with the history in {@code <report.dir>/history.jsonl}. */
  public LlmSettings(String profile, TargetSettings target, RequestSettings request, SweepSettings sweep, WorkloadSettings workload,
      ProbeSettings probe, RateSweepSettings rateSweep, StopSettings stop, TimeoutSettings timeouts, HttpSettings http,
      ReportSettings report, Config server, SloSettings slo, CostSettings cost, java.util.List<NamedTarget> targets) {
    this(profile, target, request, sweep, workload, probe, rateSweep, stop, timeouts, http, report, server, slo, cost, targets,
        HistorySettings.in(report.dir()));
  }

  /** Settings without a baseline. */
  public LlmSettings(String profile, TargetSettings target, RequestSettings request, SweepSettings sweep, WorkloadSettings workload,
      ProbeSettings probe, RateSweepSettings rateSweep, StopSettings stop, TimeoutSettings timeouts, HttpSettings http,
      ReportSettings report, Config server, SloSettings slo, CostSettings cost, java.util.List<NamedTarget> targets,
      HistorySettings history) {
    this(profile, target, request, sweep, workload, probe, rateSweep, stop, timeouts, http, report, server, slo, cost, targets, history,
        BaselineSettings.NONE);
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
    Objects.requireNonNull(slo, "slo");
    Objects.requireNonNull(cost, "cost");
    targets = java.util.List.copyOf(targets);
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(baseline, "baseline");
    gates = java.util.List.copyOf(gates);
    Objects.requireNonNull(telemetry, "telemetry");
  }
}

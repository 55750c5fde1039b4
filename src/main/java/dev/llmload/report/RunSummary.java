package dev.llmload.report;

import dev.llmload.config.CostSettings;
import dev.llmload.metrics.EndpointSummary;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Timeline;
import dev.llmload.metrics.RunSlo;
import dev.llmload.nightly.Check;
import dev.llmload.openai.ServerQuirks;
import java.util.List;
import java.util.Objects;

/**
 * The content of {@code summary.json}. {@link #SCHEMA_VERSION} changes when a field is removed or changes
 * meaning; adding a field keeps the version. README "summary.json" documents every field.
 *
 * @param partial true when the run was stopped before its schedule ended
 * @param partialReason why, when partial
 * @param gatlingReport path of Gatling's own HTML report, relative to the run folder, or null
 * @param notes things the reader must know to trust the numbers (e.g. the server went away mid-run)
 * @param serverQuirks how the server streams, from the probe request before the load; null when not probed
 * @param stoppedEarly why the run ended before its schedule on purpose (a saturated level, llm.stop.maxDuration),
 *     null when it ran its schedule; the levels after the stop are left out
 * @param runClock where the run's clock starts (the zero of every time in {@code requests.jsonl}); null when the
 *     run stopped before its injection started
 * @param endpoints every metric broken down per endpoint, in the order of {@code target.baseUrls}, when requests
 *     were spread over several base URLs (replicas); null with one base URL (the breakdown would repeat
 *     {@code levels})
 * @param timeline the whole run over time (output tokens/s and requests in flight per bucket, TTFT points, level
 *     marks); null in a summary made without it
 * @param slo the service level objectives as configured and the highest load within them; null when none was set
 * @param cost what the serving hardware costs ({@code llm.cost}) as configured; null when it was not set
 * @param baseline the run held against its baseline ({@code llm.baseline}), metric by metric; null when none was set
 * @param gates the run judged by its gates ({@code llm.gates}, {@code dev.llmload.nightly.Gates}): one check per gate
 *     and level, in order; empty when no gate was set
 * @param telemetry the server's metrics, the machine's resources and the load generator's health per level and over
 *     time, with the knee explained ({@code llm.telemetry}); null when telemetry was off
 */
public record RunSummary(
    int schemaVersion,
    String simulation,
    String runId,
    String startedAt,
    String finishedAt,
    boolean partial,
    String partialReason,
    TargetInfo target,
    RequestInfo request,
    List<LevelSummary> levels,
    String gatlingReport,
    List<String> notes,
    ServerQuirks serverQuirks,
    RunClock runClock,
    String stoppedEarly,
    List<EndpointSummary> endpoints,
    Timeline timeline,
    RunSlo slo,
    CostSettings cost,
    dev.llmload.nightly.BaselineResult baseline,
    List<Check> gates,
    dev.llmload.telemetry.TelemetrySummary telemetry) {

  public static final int SCHEMA_VERSION = 1;

  /** A summary without telemetry. */
  public RunSummary(int schemaVersion, String simulation, String runId, String startedAt, String finishedAt, boolean partial,
      String partialReason, TargetInfo target, RequestInfo request, List<LevelSummary> levels, String gatlingReport, List<String> notes,
      ServerQuirks serverQuirks, RunClock runClock, String stoppedEarly, List<EndpointSummary> endpoints, Timeline timeline, RunSlo slo,
      CostSettings cost, dev.llmload.nightly.BaselineResult baseline, List<Check> gates) {
    this(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly, endpoints, timeline, slo, cost, baseline, gates, null);
  }

  /** A summary not judged by gates. */
  public RunSummary(int schemaVersion, String simulation, String runId, String startedAt, String finishedAt, boolean partial,
      String partialReason, TargetInfo target, RequestInfo request, List<LevelSummary> levels, String gatlingReport, List<String> notes,
      ServerQuirks serverQuirks, RunClock runClock, String stoppedEarly, List<EndpointSummary> endpoints, Timeline timeline, RunSlo slo,
      CostSettings cost, dev.llmload.nightly.BaselineResult baseline) {
    this(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly, endpoints, timeline, slo, cost, baseline, List.of());
  }

  /** A summary without a per-endpoint breakdown (one base URL). */
  public RunSummary(int schemaVersion, String simulation, String runId, String startedAt, String finishedAt, boolean partial,
      String partialReason, TargetInfo target, RequestInfo request, List<LevelSummary> levels, String gatlingReport, List<String> notes,
      ServerQuirks serverQuirks, RunClock runClock, String stoppedEarly) {
    this(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly, null);
  }

  /** A summary without a timeline, an SLO or a cost. */
  public RunSummary(int schemaVersion, String simulation, String runId, String startedAt, String finishedAt, boolean partial,
      String partialReason, TargetInfo target, RequestInfo request, List<LevelSummary> levels, String gatlingReport, List<String> notes,
      ServerQuirks serverQuirks, RunClock runClock, String stoppedEarly, List<EndpointSummary> endpoints) {
    this(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly, endpoints, null, null, null);
  }

  /** A summary with a timeline, without an SLO or a cost. */
  public RunSummary(int schemaVersion, String simulation, String runId, String startedAt, String finishedAt, boolean partial,
      String partialReason, TargetInfo target, RequestInfo request, List<LevelSummary> levels, String gatlingReport, List<String> notes,
      ServerQuirks serverQuirks, RunClock runClock, String stoppedEarly, List<EndpointSummary> endpoints, Timeline timeline) {
    this(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly, endpoints, timeline, null, null);
  }

  /** A summary with an SLO or a cost, without a timeline. */
  public RunSummary(int schemaVersion, String simulation, String runId, String startedAt, String finishedAt, boolean partial,
      String partialReason, TargetInfo target, RequestInfo request, List<LevelSummary> levels, String gatlingReport, List<String> notes,
      ServerQuirks serverQuirks, RunClock runClock, String stoppedEarly, List<EndpointSummary> endpoints, RunSlo slo, CostSettings cost) {
    this(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly, endpoints, null, slo, cost);
  }

  /** A summary without a baseline. */
  public RunSummary(int schemaVersion, String simulation, String runId, String startedAt, String finishedAt, boolean partial,
      String partialReason, TargetInfo target, RequestInfo request, List<LevelSummary> levels, String gatlingReport, List<String> notes,
      ServerQuirks serverQuirks, RunClock runClock, String stoppedEarly, List<EndpointSummary> endpoints, Timeline timeline, RunSlo slo,
      CostSettings cost) {
    this(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly, endpoints, timeline, slo, cost, null);
  }

  /** This summary with {@code notes} instead of its own. */
  public RunSummary withNotes(List<String> notes) {
    return new RunSummary(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels,
        gatlingReport, notes, serverQuirks, runClock, stoppedEarly, endpoints, timeline, slo, cost, baseline, gates, telemetry);
  }

  /** This summary held against its baseline ({@code null}: none). */
  public RunSummary withBaseline(dev.llmload.nightly.BaselineResult baseline) {
    return new RunSummary(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels,
        gatlingReport, notes, serverQuirks, runClock, stoppedEarly, endpoints, timeline, slo, cost, baseline, gates, telemetry);
  }

  /** This summary judged by {@code gates} (its checks) instead of its own. */
  public RunSummary withGates(List<Check> gates) {
    return new RunSummary(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels,
        gatlingReport, notes, serverQuirks, runClock, stoppedEarly, endpoints, timeline, slo, cost, baseline, gates, telemetry);
  }

  /** This summary with what was read besides the requests ({@code null}: none). */
  public RunSummary withTelemetry(dev.llmload.telemetry.TelemetrySummary telemetry) {
    return new RunSummary(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request, levels,
        gatlingReport, notes, serverQuirks, runClock, stoppedEarly, endpoints, timeline, slo, cost, baseline, gates, telemetry);
  }

  /** Every check of the run, its gates' then its baseline's: what its JUnit XML and its exit status are made of. */
  public List<Check> checks() {
    List<Check> all = new java.util.ArrayList<>(gates);
    if (baseline != null) {
      all.addAll(baseline.asChecks());
    }
    return List.copyOf(all);
  }

  public RunSummary {
    Objects.requireNonNull(simulation, "simulation");
    Objects.requireNonNull(target, "target");
    levels = List.copyOf(levels);
    notes = notes == null ? List.of() : List.copyOf(notes);
    endpoints = endpoints == null ? null : List.copyOf(endpoints);
    gates = gates == null ? List.of() : List.copyOf(gates);
  }
}

package dev.llmload.report;

import dev.llmload.config.CostSettings;
import dev.llmload.config.SloSettings;
import dev.llmload.metrics.RunAggregator;
import dev.llmload.metrics.RunSlo;
import dev.llmload.openai.ServerQuirks;
import dev.llmload.workload.LevelKind;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code run.json}: what a run is, written before the first request (and again with {@link #runClock} once the
 * injection starts), so that {@code requests.jsonl} plus this file are enough to rebuild the summary of a run that
 * died without writing it.
 *
 * @param runClock where the run's clock starts; null until the injection started
 * @param slo the service level objectives the levels are judged by; null (a file written before they existed) reads
 *     as none
 * @param cost what the serving hardware costs; null reads as not priced
 */
public record RunManifest(
    int schemaVersion,
    String simulation,
    String runId,
    String startedAt,
    TargetInfo target,
    RequestInfo request,
    List<LevelSpec> levels,
    String gatlingReport,
    ServerQuirks serverQuirks,
    RunClock runClock,
    SloSettings slo,
    CostSettings cost) {

  public static final String FILE_NAME = "run.json";

  /**
   * A level in plain numbers (milliseconds), for JSON.
   *
   * @param startMillis when the level starts on the run clock; null in files written before levels could be added
   *     while a run goes (then levels run back to back)
   */
  public record LevelSpec(int index, String label, String kind, double value, long warmupMillis, long measuredMillis, Long startMillis) {

    static LevelSpec of(LoadLevel l, LevelSchedule schedule) {
      return new LevelSpec(l.index(), l.label(), l.kind().name().toLowerCase(Locale.ROOT), l.value(), l.warmup().toMillis(),
          l.measured().toMillis(), schedule.levelStartMicros(l.index()) / 1_000);
    }

    LoadLevel toLevel() {
      return new LoadLevel(index, label, LevelKind.valueOf(kind.toUpperCase(Locale.ROOT)), value, Duration.ofMillis(warmupMillis),
          Duration.ofMillis(measuredMillis));
    }
  }

  public RunManifest {
    levels = List.copyOf(levels);
    slo = slo == null ? SloSettings.NONE : slo;
    cost = cost == null ? CostSettings.NONE : cost;
  }

  /** A manifest without an SLO or a cost. */
  public RunManifest(int schemaVersion, String simulation, String runId, String startedAt, TargetInfo target, RequestInfo request,
      List<LevelSpec> levels, String gatlingReport, ServerQuirks serverQuirks, RunClock runClock) {
    this(schemaVersion, simulation, runId, startedAt, target, request, levels, gatlingReport, serverQuirks, runClock, null, null);
  }

  public static RunManifest of(String simulation, String runId, String startedAt, TargetInfo target, RequestInfo request,
      LevelSchedule schedule, String gatlingReport, ServerQuirks serverQuirks) {
    return of(simulation, runId, startedAt, target, request, schedule, gatlingReport, serverQuirks, SloSettings.NONE, CostSettings.NONE);
  }

  /** The manifest of a run whose levels are judged by {@code slo} and priced at {@code cost}. */
  public static RunManifest of(String simulation, String runId, String startedAt, TargetInfo target, RequestInfo request,
      LevelSchedule schedule, String gatlingReport, ServerQuirks serverQuirks, SloSettings slo, CostSettings cost) {
    return new RunManifest(RunSummary.SCHEMA_VERSION, simulation, runId, startedAt, target, request,
        schedule.levels().stream().map(l -> LevelSpec.of(l, schedule)).toList(), gatlingReport, serverQuirks, null, slo, cost);
  }

  /** This manifest, with the run clock's anchor. */
  public RunManifest withRunClock(RunClock clock) {
    return new RunManifest(schemaVersion, simulation, runId, startedAt, target, request, levels, gatlingReport, serverQuirks, clock, slo,
        cost);
  }

  public LevelSchedule schedule() {
    List<LoadLevel> all = levels.stream().map(LevelSpec::toLevel).toList();
    if (levels.stream().anyMatch(l -> l.startMillis() == null)) {
      return new LevelSchedule(all);
    }
    return LevelSchedule.withStarts(all, levels.stream().mapToLong(l -> l.startMillis() * 1_000).toArray());
  }

  /** This manifest with {@code extended}'s levels (a schedule that grew while the run went). */
  public RunManifest withSchedule(LevelSchedule extended) {
    return new RunManifest(schemaVersion, simulation, runId, startedAt, target, request,
        extended.levels().stream().map(l -> LevelSpec.of(l, extended)).toList(), gatlingReport, serverQuirks, runClock, slo, cost);
  }

  /**
   * The summary of what {@code aggregator} holds. With {@code stopMicros} before the end of the schedule the run is
   * partial: levels that had not started are left out and the one running is measured up to the stop.
   */
  public RunSummary summary(RunAggregator aggregator, String finishedAt, long stopMicros, String partialReason, List<String> notes) {
    return summary(aggregator, finishedAt, stopMicros, partialReason, null, notes);
  }

  /**
   * The same, for a run that ended early on purpose ({@code stoppedEarly}: why): the levels up to {@code stopMicros}
   * are summarised, the ones after it were not run.
   */
  public RunSummary summary(RunAggregator aggregator, String finishedAt, long stopMicros, String partialReason, String stoppedEarly,
      List<String> notes) {
    boolean partial = partialReason != null;
    boolean cut = partial || stoppedEarly != null;
    List<dev.llmload.metrics.LevelSummary> levelSummaries = cut ? aggregator.summariesUntil(stopMicros) : aggregator.summaries();
    return new RunSummary(schemaVersion, simulation, runId, startedAt, finishedAt, partial, partialReason, target, request,
        levelSummaries, gatlingReport, notes,
        serverQuirks, runClock, stoppedEarly,
        !target.severalEndpoints() ? null : cut ? aggregator.endpointSummariesUntil(stopMicros) : aggregator.endpointSummaries(),
        aggregator.timeline(cut ? stopMicros : Long.MAX_VALUE),
        RunSlo.of(slo, levelSummaries), cost.defined() ? cost : null);
  }

  /** Writes run.json whole or not at all (a temporary file moved into place): a crash never leaves half a file. */
  public void write(Path runFolder) throws IOException {
    Path temp = java.nio.file.Files.createTempFile(runFolder, FILE_NAME, ".tmp");
    try {
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
      java.nio.file.Files.move(temp, runFolder.resolve(FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(temp);
    }
  }

  public static RunManifest read(Path runFolder) throws IOException {
    return Json.MAPPER.readValue(runFolder.resolve(FILE_NAME).toFile(), RunManifest.class);
  }

  /** Writes summary.json, summary.csv and index.html of a run. */
  public static void writeReports(RunSummary summary, Path runFolder) throws IOException {
    for (ReportWriter writer : ReportWriter.all()) {
      writer.write(summary, runFolder.resolve(writer.fileName()));
    }
  }
}

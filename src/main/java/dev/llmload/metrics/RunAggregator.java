package dev.llmload.metrics;

import dev.llmload.config.CostSettings;
import dev.llmload.config.SloSettings;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Folds {@link RequestRecord}s into per-level statistics. Latencies go to the level the request started in;
 * throughput counts what arrived inside each level's measured window, whichever request it belonged to and however
 * that request ended (a stream cut at saturation still delivered its tokens), so a level's tokens/s is what the
 * server delivered while that level was running. With several endpoints (replicas of the model) each record also goes
 * to its endpoint's own aggregator, the same computation over that endpoint's requests ({@link #endpointSummaries()}).
 * Not thread-safe: fed by one thread (the recorder's), or by a rebuild from {@code requests.jsonl}.
 */
public final class RunAggregator {

  private LevelSchedule schedule;
  private final List<LevelStats> levels = new ArrayList<>();
  private long records;
  private long lastSuccessEndMicros = -1;
  private long refusedAfterLastSuccess;
  private long firstRefusedAfterSuccessMicros = -1;
  /** By endpoint, in the configured order: empty when the run had one endpoint (no breakdown). */
  private final java.util.Map<String, RunAggregator> byEndpoint = new java.util.LinkedHashMap<>();
  /** The run's conversations; null in an endpoint's own aggregator (a conversation's turns may go to several endpoints). */
  private final ConversationTally conversations;
  /** The run over time; null in an endpoint's own aggregator (the run's timeline is one). */
  private final TimelineTally timeline;
  /** What levels are judged by and priced at ({@link #judgeBy}); none by default. */
  private SloSettings slo = SloSettings.NONE;
  private CostSettings cost = CostSettings.NONE;

  public RunAggregator(LevelSchedule schedule) {
    this(schedule, true);
  }

  /** @param conversations tally the run's conversations (false: an endpoint's own aggregator, which leaves them out) */
  private RunAggregator(LevelSchedule schedule, boolean conversations) {
    this.schedule = schedule;
    for (LoadLevel level : schedule.levels()) {
      levels.add(new LevelStats(level));
    }
    this.conversations = conversations ? new ConversationTally() : null;
    this.timeline = conversations ? new TimelineTally() : null;
  }

  /**
   * An aggregator that also breaks every metric down per endpoint when {@code endpoints} (the base URLs requests go
   * to, in the order the reports list them) holds more than one. A record naming an endpoint not in the list gets
   * one of its own, after them.
   */
  public RunAggregator(LevelSchedule schedule, List<String> endpoints) {
    this(schedule);
    if (endpoints.size() > 1) {
      endpoints.forEach(e -> byEndpoint.put(e, new RunAggregator(schedule, false)));
    }
  }

  /**
   * Judges every level by {@code slo} (attainment, goodput, whether it met it) and prices its tokens at {@code cost};
   * an endpoint's own levels are judged too but not priced (the price is the whole run's hardware). Set before the
   * first record.
   */
  public void judgeBy(SloSettings slo, CostSettings cost) {
    this.slo = java.util.Objects.requireNonNull(slo, "slo");
    this.cost = java.util.Objects.requireNonNull(cost, "cost");
    byEndpoint.values().forEach(a -> a.judgeBy(slo, CostSettings.NONE));
  }

  /** The run goes on with {@code extended}: this schedule plus levels after it. */
  public void extend(LevelSchedule extended) {
    byEndpoint.values().forEach(a -> a.extend(extended));
    for (int i = levels.size(); i < extended.levels().size(); i++) {
      levels.add(new LevelStats(extended.level(i)));
    }
    schedule = extended;
  }

  public LevelSchedule schedule() {
    return schedule;
  }

  public long records() {
    return records;
  }

  public void add(RequestRecord r) {
    if (!byEndpoint.isEmpty()) {
      byEndpoint.computeIfAbsent(String.valueOf(r.endpoint()), e -> {
        RunAggregator a = new RunAggregator(schedule, false);
        a.judgeBy(slo, CostSettings.NONE);
        return a;
      }).add(r);
    }
    records++;
    LevelStats own = levels.get(Math.min(r.level(), levels.size() - 1));
    addToWindows(r);
    if (conversations != null) {
      conversations.add(r, own.level.index());
    }
    if (timeline != null) {
      timeline.add(r);
    }
    if (r.outcome() == Outcome.SUCCESSFUL) {
      if (r.endMicros() > lastSuccessEndMicros) {
        lastSuccessEndMicros = r.endMicros();
        refusedAfterLastSuccess = 0;
        firstRefusedAfterSuccessMicros = -1;
      }
    } else if (r.failureKind().orElseThrow() == FailureKind.CONNECTION_REFUSED && lastSuccessEndMicros >= 0 && r.sendMicros() >= lastSuccessEndMicros) {
      refusedAfterLastSuccess++;
      if (firstRefusedAfterSuccessMicros < 0 || r.sendMicros() < firstRefusedAfterSuccessMicros) {
        firstRefusedAfterSuccessMicros = r.sendMicros();
      }
    }
    if (r.malformedChunks() > 0) {
      // counts messages, not requests: the request itself may have succeeded
      own.countError(FailureKind.MALFORMED_CHUNK, r.malformedSample(), r.malformedChunks());
    }
    if (r.warmup()) {
      own.warmupRequests++;
      return;
    }
    own.inFlightSum += r.inFlightAtSend();
    own.inFlightCount++;
    own.connectionRetries += r.connectionRetries();
    if (r.scheduledMicros() >= 0) {
      RequestMetrics.sendLagMicros(r).ifPresent(v -> LevelStats.record(own.sendLag, v));
      if (inMeasuredWindow(r.level(), r.scheduledMicros())) {
        own.scheduledInWindow++;
      }
      if (inMeasuredWindow(r.level(), r.sendMicros())) {
        own.sentInWindow++;
      }
    }
    if (slo.defined()) {
      own.slo.add(slo, r);
    }
    switch (r.outcome()) {
      case SUCCESSFUL -> addSuccessful(own, r);
      case ERRORED -> {
        own.errored++;
        own.countError(r.failureKind().orElseThrow(), r.errorMessage());
      }
      case INCOMPLETE -> {
        own.incomplete++;
        own.countError(r.failureKind().orElseThrow(), r.errorMessage());
      }
    }
  }

  private static void addSuccessful(LevelStats s, RequestRecord r) {
    s.successful++;
    OptionalLong ttft = RequestMetrics.ttftMicros(r);
    ttft.ifPresent(v -> LevelStats.record(s.ttft, v));
    RequestMetrics.timeToHeadersMicros(r).ifPresent(v -> LevelStats.record(s.headers, v));
    for (long gap : RequestMetrics.itlMicros(r)) {
      LevelStats.record(s.itl, gap);
    }
    RequestMetrics.tpotMicros(r).ifPresent(v -> LevelStats.record(s.tpot, Math.round(v)));
    RequestMetrics.e2eMicros(r).ifPresent(v -> LevelStats.record(s.e2e, v));
    RequestMetrics.ttftFromScheduledMicros(r).ifPresent(v -> LevelStats.record(s.ttftFromScheduled, v));
    RequestMetrics.e2eFromScheduledMicros(r).ifPresent(v -> LevelStats.record(s.e2eFromScheduled, v));
    OptionalDouble tps = RequestMetrics.requestTokensPerSecond(r);
    tps.ifPresent(v -> LevelStats.record(s.requestTokensPerSecond, Math.round(v * 1000)));
    s.outputTokensSum += RequestMetrics.outputTokens(r);
    if (r.promptTokens() >= 0) {
      s.inputTokensSum += r.promptTokens();
      s.inputTokensCount++;
    }
    if (r.hasUsage()) {
      s.withUsage++;
    } else {
      s.withoutUsage++;
    }
    if (r.requestedInputTokens() > 0 && r.promptTokens() >= 0) {
      s.requestedInputSum += r.requestedInputTokens();
      s.receivedInputSum += r.promptTokens();
      s.inputLengthRequests++;
    }
    // only with usage: a server sending several tokens a chunk and no usage would look like it cut the output short
    if (r.requestedOutputTokens() > 0 && r.hasUsage()) {
      s.requestedOutputSum += r.requestedOutputTokens();
      s.receivedOutputSum += RequestMetrics.outputTokens(r);
      s.outputLengthRequests++;
    }
    if (r.hasCachedPromptTokens() && r.promptTokens() >= 0) {
      s.cachedPromptTokensSum += r.cachedPromptTokens();
      s.cachedPromptTokensCount++;
      s.promptTokensOfCachedSum += r.promptTokens();
    }
    s.text.add(r);
  }

  /**
   * Credits each content chunk, the prompt (at first token) and the completion of a successful request to the window
   * it fell in.
   */
  private void addToWindows(RequestRecord r) {
    long[] chunks = r.chunkMicros();
    double perChunk = RequestMetrics.tokensPerChunk(r);
    for (long t : chunks) {
      LevelStats w = windowAt(t);
      if (w != null) {
        w.windowOutputTokens += perChunk;
      }
    }
    if (chunks.length > 0 && r.promptTokens() > 0) {
      LevelStats w = windowAt(chunks[0]);
      if (w != null) {
        w.windowInputTokens += r.promptTokens();
      }
    }
    LevelStats end = r.outcome() == Outcome.SUCCESSFUL ? windowAt(r.endMicros()) : null;
    if (end != null) {
      end.windowCompletions++;
    }
  }

  private boolean inMeasuredWindow(int level, long micros) {
    return micros >= schedule.measuredStartMicros(level) && micros < schedule.measuredEndMicros(level);
  }

  private LevelStats windowAt(long micros) {
    int i = schedule.levelIndexAt(micros);
    return micros >= schedule.measuredStartMicros(i) && micros < schedule.measuredEndMicros(i) ? levels.get(i) : null;
  }

  /**
   * When the server stopped answering: connections were refused after the last successful request, and none
   * succeeded since. Empty while the server was serving at the end.
   */
  public java.util.Optional<String> serverWentAway() {
    if (refusedAfterLastSuccess == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.format(java.util.Locale.ROOT,
        "the server went away %.1f s into the run: %d requests after the last successful one had their connection refused",
        firstRefusedAfterSuccessMicros / 1e6, refusedAfterLastSuccess));
  }

  /** The summary of every level, in schedule order. */
  public List<LevelSummary> summaries() {
    return summariesUntil(Long.MAX_VALUE);
  }

  /**
   * The levels whose measured window had started by {@code stopMicros}, the last one measured up to it: the
   * summary of a run stopped early. Rates are divided by the part of the window that actually ran.
   */
  public List<LevelSummary> summariesUntil(long stopMicros) {
    List<LevelSummary> out = new ArrayList<>();
    for (LevelStats s : levels) {
      long start = schedule.measuredStartMicros(s.level.index());
      long end = Math.min(schedule.measuredEndMicros(s.level.index()), stopMicros);
      if (end > start) {
        out.add(summarise(s, (end - start) / 1e6));
      }
    }
    return out;
  }

  /**
   * The run over time ({@link TimelineTally}), with the levels that started before {@code stopMicros}
   * ({@link Long#MAX_VALUE}: every level); null for an endpoint's own aggregator.
   */
  public Timeline timeline(long stopMicros) {
    return timeline == null ? null : timeline.timeline(schedule, stopMicros);
  }

  /** Per endpoint, the summary of every level ({@link #summaries()}); empty when the run had one endpoint. */
  public List<EndpointSummary> endpointSummaries() {
    return endpointSummariesUntil(Long.MAX_VALUE);
  }

  /** Per endpoint, {@link #summariesUntil} of its own requests; empty when the run had one endpoint. */
  public List<EndpointSummary> endpointSummariesUntil(long stopMicros) {
    List<EndpointSummary> out = new ArrayList<>();
    byEndpoint.forEach((endpoint, a) -> out.add(new EndpointSummary(endpoint, a.summariesUntil(stopMicros))));
    return out;
  }

  public LevelSummary summary(int index) {
    return summarise(levels.get(index), levels.get(index).level.measured().toNanos() / 1e9);
  }

  private LevelSummary summarise(LevelStats s, double seconds) {
    long total = s.successful + s.errored + s.incomplete;
    String source = s.withUsage + s.withoutUsage == 0 ? null
        : s.withoutUsage == 0 ? TokenCountSource.USAGE.jsonName()
        : s.withUsage == 0 ? TokenCountSource.CHUNKS.jsonName() : TokenCountSource.MIXED.jsonName();
    List<LevelSummary.ErrorSummary> errors = new ArrayList<>();
    s.errors.forEach((kind, e) -> errors.add(new LevelSummary.ErrorSummary(kind.wireName(), e.count, e.sample)));
    double outputTps = s.windowOutputTokens / seconds;
    boolean open = !s.level.kind().closed();
    LevelSummary.OpenLoop openLoop = open ? openLoop(s, seconds) : null;
    return new LevelSummary(
        s.level.index(),
        s.level.label(),
        s.level.kind().jsonName(),
        open ? null : s.level.value(),
        open ? s.level.value() : null,
        seconds,
        new LevelSummary.RequestCounts(s.successful, s.errored, s.incomplete, total),
        s.warmupRequests,
        s.inFlightCount == 0 ? 0 : Percentiles.round((double) s.inFlightSum / s.inFlightCount),
        s.connectionRetries,
        Percentiles.of(s.headers, 1000),
        Percentiles.of(s.ttft, 1000),
        Percentiles.of(s.itl, 1000),
        Percentiles.of(s.tpot, 1000),
        Percentiles.of(s.e2e, 1000),
        Percentiles.of(s.requestTokensPerSecond, 1000),
        Percentiles.round(outputTps),
        Percentiles.round((s.windowOutputTokens + s.windowInputTokens) / seconds),
        Percentiles.round(s.windowCompletions / seconds),
        Percentiles.round(outputTps * 60),
        s.inputTokensCount == 0 ? null : Percentiles.round((double) s.inputTokensSum / s.inputTokensCount),
        s.successful == 0 ? null : Percentiles.round((double) s.outputTokensSum / s.successful),
        source,
        errors,
        openLoop,
        s.cachedPromptTokensCount == 0 ? null : Percentiles.round((double) s.cachedPromptTokensSum / s.cachedPromptTokensCount),
        s.promptTokensOfCachedSum == 0 ? null : Percentiles.round((double) s.cachedPromptTokensSum / s.promptTokensOfCachedSum),
        conversations == null ? null : conversations.summary(s.level.index()),
        LengthCheck.summarise(s.level.label(), new LengthCheck.Sums(s.requestedInputSum, s.receivedInputSum, s.inputLengthRequests,
            s.requestedOutputSum, s.receivedOutputSum, s.outputLengthRequests)),
        LatencyDistributions.of(s.ttft, s.e2e),
        sloOf(s, seconds),
        TokenCost.of(cost, Percentiles.round(outputTps), Percentiles.round((s.windowOutputTokens + s.windowInputTokens) / seconds)),
        s.text.summary());
  }

  /** The level against the run's SLO, its percentiles at the SLO's percentile; null without an SLO. */
  private LevelSummary.Slo sloOf(LevelStats s, double seconds) {
    if (!slo.defined()) {
      return null;
    }
    return SloCheck.judge(slo, new SloCheck.LevelFigures(s.successful + s.errored + s.incomplete, s.errored + s.incomplete, s.slo.good,
        s.slo.goodOutputTokens, seconds, atPercentile(s.ttft, slo.ttftMs()), atPercentile(s.tpot, slo.tpotMs()),
        atPercentile(s.itl, slo.itlMs()), atPercentile(s.e2e, slo.e2eMs())));
  }

  /** The SLO's percentile of {@code h} in milliseconds, as the tables round it; null without a limit or a value. */
  private Double atPercentile(org.HdrHistogram.Histogram h, Double limitMs) {
    return limitMs == null || h.getTotalCount() == 0 ? null : Percentiles.round(h.getValueAtPercentile(slo.percentile()) / 1000.0);
  }

  /**
   * How well an open level kept its schedule: the client fell behind when send lag p99 passed
   * {@link #LAG_LIMIT_MICROS} or fewer than {@link #SENT_SHARE_LIMIT} of the requests scheduled in the window went out
   * in it.
   */
  private static LevelSummary.OpenLoop openLoop(LevelStats s, double seconds) {
    Percentiles lag = Percentiles.of(s.sendLag, 1000);
    boolean lagging = lag != null && lag.p99() * 1000 > LAG_LIMIT_MICROS;
    boolean short_ = s.scheduledInWindow > 0 && s.sentInWindow < SENT_SHARE_LIMIT * s.scheduledInWindow;
    String problem = !lagging && !short_ ? null : String.format(java.util.Locale.ROOT,
        "the load generator did not keep the schedule of %s: send lag p99 %.1f ms, %d of %d scheduled requests sent in the window%s",
        s.level.label(), lag == null ? 0 : lag.p99(), s.sentInWindow, s.scheduledInWindow,
        "; latencies from the scheduled time show what users arriving on time would have waited");
    return new LevelSummary.OpenLoop(Percentiles.round(s.sentInWindow / seconds), s.scheduledInWindow, s.sentInWindow, lag,
        Percentiles.of(s.ttftFromScheduled, 1000), Percentiles.of(s.e2eFromScheduled, 1000), problem);
  }

  /** Send lag p99 above this (10 ms) means the client could not keep an open level's schedule. */
  public static final long LAG_LIMIT_MICROS = 10_000;
  /** Fewer than this share of the scheduled requests sent inside the window means the same. */
  public static final double SENT_SHARE_LIMIT = 0.95;
}

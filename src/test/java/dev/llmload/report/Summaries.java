package dev.llmload.report;

import dev.llmload.metrics.ConversationSummary;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import java.util.List;

/** A fixed two-level {@link RunSummary} with hand-picked numbers: level 0 has every value, level 1 none. */
final class Summaries {

  static final String MODEL = "Qwen/Qwen2.5-0.5B-Instruct";

  private Summaries() {}

  static LevelSummary level0() {
    return new LevelSummary(0, "c=1", "concurrency", 1.0, null, 12, new LevelSummary.RequestCounts(10, 1, 2, 13), 3, 1.25, 2,
        new Percentiles(10, 4.5, 4, 6.25, 7, 8.125, 9),
        new Percentiles(10, 45.5, 44, 60.25, 70, 88.125, 90),
        new Percentiles(90, 12.5, 12, 14, 15, 20, 21.5),
        new Percentiles(10, 12.6, 12.5, 13, 13.5, 14, 14.25),
        new Percentiles(10, 1650, 1640, 1700, 1710, 1750, 1760.5),
        new Percentiles(10, 77.5, 77, 80, 81, 82, 82.5),
        123.456, 456.789, 0.833, 7407.36, 17.0, 128.0, "usage",
        List.of(new LevelSummary.ErrorSummary("http_error", 1, "HTTP 500"), new LevelSummary.ErrorSummary("stream_cut", 2, "cut")), null,
        12.5, 0.75, null);
  }

  static LevelSummary level1() {
    return new LevelSummary(1, "c=2", "concurrency", 2.0, null, 12, new LevelSummary.RequestCounts(0, 4, 0, 4), 0, 2, 0, null, null, null, null,
        null, null, 0, 0, 0, 0, null, null, null, List.of(new LevelSummary.ErrorSummary("http_error", 4, "HTTP 429")), null,
        null, null, null);
  }

  /** An open level at 5/s: 60 scheduled and sent in its 12 s window, send lag p99 0.9 ms. */
  static LevelSummary openLevel() {
    return new LevelSummary(2, "5/s", "rate", null, 5.0, 12, new LevelSummary.RequestCounts(60, 0, 0, 60), 10, 3.5, 0,
        null, new Percentiles(60, 50, 48, 60, 62, 70, 75), null, null, null, null, 320, 400, 5, 19_200, 20.0, 64.0, "usage", List.of(),
        new LevelSummary.OpenLoop(5.0, 60, 60, new Percentiles(60, 0.3, 0.25, 0.5, 0.6, 0.9, 1.2),
            new Percentiles(60, 50.5, 48.5, 60.5, 62.5, 71, 76), null, null), null, null, null);
  }

  /** Level 0 whose requests asked for 512 input and 128 output tokens, and got 512.0 and 37.5 on average. */
  static LevelSummary notHonoured() {
    LevelSummary l = level0();
    return new LevelSummary(l.index(), l.label(), l.kind(), l.concurrency(), l.rate(), l.durationSeconds(), l.requests(), l.warmupRequests(),
        l.inFlightMean(), l.connectionRetries(), l.timeToHeadersMs(), l.ttftMs(), l.itlMs(), l.tpotMs(), l.e2eMs(), l.requestTokensPerSecond(),
        l.outputTokensPerSecond(), l.totalTokensPerSecond(), l.requestsPerSecond(), l.tokensPerMinute(), 512.0, 37.5, l.tokenCountSource(),
        l.errors(), l.openLoop(), new LevelSummary.Lengths(512.0, 512.0, 128.0, 37.5, "c=1: the server did not honour the requested lengths"));
  }

  static RunSummary run(String model, List<LevelSummary> levels) {
    return new RunSummary(RunSummary.SCHEMA_VERSION, "ConcurrencySweep", "ConcurrencySweep-20250304-050607", "2025-03-04T05:06:07Z",
        "2025-03-04T05:06:37Z", false, null, new TargetInfo("http://127.0.0.1:8000/v1", model, "chat", false, null),
        new RequestInfo(128, true, 80, true, null), levels, null, List.of(), null, RunClock.of(1741064767000L, true), null);
  }

  static RunSummary run() {
    return run(MODEL, List.of(level0(), level1()));
  }

  static final String REPLICA_A = "http://127.0.0.1:8001/v1";
  static final String REPLICA_B = "http://127.0.0.1:8002/v1";

  /**
   * {@link #run()} spread over two replicas by least-outstanding: at c=1, A took 10 of the 13 requests (3 errors with
   * it) and B 3; at c=2, B took all 4.
   */
  static RunSummary replicated() {
    RunSummary s = run();
    LevelSummary l0 = level0();
    LevelSummary a0 = new LevelSummary(0, "c=1", "concurrency", 1.0, null, 12, new LevelSummary.RequestCounts(7, 1, 2, 10), 2, 1.25, 1,
        l0.timeToHeadersMs(), l0.ttftMs(), l0.itlMs(), l0.tpotMs(), l0.e2eMs(), l0.requestTokensPerSecond(), 100.5, 300, 0.583, 6030,
        17.0, 128.0, "usage", l0.errors(), null, null, null, null);
    LevelSummary b0 = new LevelSummary(0, "c=1", "concurrency", 1.0, null, 12, new LevelSummary.RequestCounts(3, 0, 0, 3), 1, 1.25, 1,
        l0.timeToHeadersMs(), new Percentiles(3, 30.5, 30, 31, 31, 32, 32), l0.itlMs(), l0.tpotMs(), l0.e2eMs(), l0.requestTokensPerSecond(),
        22.956, 156.789, 0.25, 1377.36, 17.0, 128.0, "usage", List.of(), null, null, null, null);
    LevelSummary a1 = new LevelSummary(1, "c=2", "concurrency", 2.0, null, 12, new LevelSummary.RequestCounts(0, 0, 0, 0), 0, 0, 0, null,
        null, null, null, null, null, 0, 0, 0, 0, null, null, null, List.of(), null, null, null, null);
    TargetInfo t = new TargetInfo(REPLICA_A, s.target().model(), "chat", false, null, List.of(REPLICA_A, REPLICA_B), "least-outstanding");
    return new RunSummary(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.finishedAt(), false, null, t, s.request(),
        s.levels(), null, List.of(), null, s.runClock(), null,
        List.of(new dev.llmload.metrics.EndpointSummary(REPLICA_A, List.of(a0, a1)),
            new dev.llmload.metrics.EndpointSummary(REPLICA_B, List.of(b0, level1()))));
  }

  /** {@code l} with an SLO verdict, a cost and text statistics. */
  static LevelSummary withSlo(LevelSummary l, LevelSummary.Slo slo, LevelSummary.Cost cost, LevelSummary.Text text) {
    return new LevelSummary(l.index(), l.label(), l.kind(), l.concurrency(), l.rate(), l.durationSeconds(), l.requests(),
        l.warmupRequests(), l.inFlightMean(), l.connectionRetries(), l.timeToHeadersMs(), l.ttftMs(), l.itlMs(), l.tpotMs(), l.e2eMs(),
        l.requestTokensPerSecond(), l.outputTokensPerSecond(), l.totalTokensPerSecond(), l.requestsPerSecond(), l.tokensPerMinute(),
        l.inputTokensMean(), l.outputTokensMean(), l.tokenCountSource(), l.errors(), l.openLoop(), l.cachedPromptTokensMean(),
        l.cachedPromptShare(), l.conversations(), l.lengths(), slo, cost, text);
  }

  /**
   * {@link #run()} with an SLO (TTFT p95 at most 500 ms, at most 10 % failed requests) and a price (2 GPUs at $1.5 an
   * hour), figures picked by hand: c=1 met it (95 % attainment, 1.5 good requests/s, 120 good tokens/s, $2.25 per 1M
   * output tokens; replies of 350.5 characters and 60.25 words, diversity 0.4), c=2 missed it (no cost: nothing
   * delivered, no text); the headline is c=1.
   */
  static RunSummary sloRun() {
    RunSummary s = run();
    dev.llmload.config.SloSettings limits = new dev.llmload.config.SloSettings(500.0, null, null, null, 95, false, 0.1);
    LevelSummary l0 = withSlo(level0(), new LevelSummary.Slo(0.95, 1.5, 120.0, true, null), new LevelSummary.Cost(2.25, 0.6081),
        new LevelSummary.Text(350.5, 60.25, 0.4));
    LevelSummary l1 = withSlo(level1(), new LevelSummary.Slo(0.0, 0, 0, false, "TTFT p95 612.3 ms above 500 ms"),
        new LevelSummary.Cost(null, null), null);
    List<LevelSummary> levels = List.of(l0, l1);
    return new RunSummary(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.finishedAt(), false, null, s.target(), s.request(),
        levels, null, List.of(), null, s.runClock(), null, null, dev.llmload.metrics.RunSlo.of(limits, levels),
        new dev.llmload.config.CostSettings(1.5, 2.0));
  }

  /** Level 0 with conversations: 12 opened, 11 completed, 1 unfinished; two turn rows. */
  static LevelSummary conversationLevel() {
    LevelSummary l = level0();
    ConversationSummary c = new ConversationSummary(12, 11, 0, 1, 2.917, 0.6, 999.0, List.of(
        new ConversationSummary.Turn(1, 12, 12, new Percentiles(12, 30, 20.5, 300, 333.5, 334, 334), 157.0, 0.0),
        new ConversationSummary.Turn(2, 12, 11, new Percentiles(11, 25, 21.5, 60, 68.5, 70, 70), 321.0, 144.0)));
    return new LevelSummary(l.index(), l.label(), l.kind(), l.concurrency(), l.rate(), l.durationSeconds(), l.requests(),
        l.warmupRequests(), l.inFlightMean(), l.connectionRetries(), l.timeToHeadersMs(), l.ttftMs(), l.itlMs(), l.tpotMs(), l.e2eMs(),
        l.requestTokensPerSecond(), l.outputTokensPerSecond(), l.totalTokensPerSecond(), l.requestsPerSecond(), l.tokensPerMinute(),
        l.inputTokensMean(), l.outputTokensMean(), l.tokenCountSource(), l.errors(), l.openLoop(), l.cachedPromptTokensMean(),
        l.cachedPromptShare(), c);
  }

  /** A run of {@link #conversationLevel()} whose users ran 3-turn conversations with 2 s think time. */
  static RunSummary conversationRun() {
    return new RunSummary(RunSummary.SCHEMA_VERSION, "ConstantConcurrency", "ConstantConcurrency-20250304-050607", "2025-03-04T05:06:07Z",
        "2025-03-04T05:06:37Z", false, null, new TargetInfo("http://127.0.0.1:8000/v1", MODEL, "chat", false, null),
        new RequestInfo(128, true, 80, true, new RequestInfo.Conversation(3, "prompts", 2.0)), List.of(conversationLevel(), level1()), null,
        List.of(), null, RunClock.of(1741064767000L, true), null);
  }
}

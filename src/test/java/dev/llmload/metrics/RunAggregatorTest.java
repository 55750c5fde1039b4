package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-level aggregation, against numbers worked out by hand. Unless a test says otherwise the schedule is, in
 * microseconds from the start of the run:
 *
 * <pre>
 *   level 0  c=1  warmup [0, 1s)      measured [1s, 11s)
 *   level 1  c=2  warmup [11s, 12s)   measured [12s, 22s)
 * </pre>
 */
class RunAggregatorTest {

  /** HdrHistogram keeps 3 significant digits: a recorded value comes back within 0.1 %. */
  private static final double HDR_RELATIVE = 1e-3;
  /** Means, rates and counts are computed exactly and rounded to 3 decimals by {@link Percentiles#round}. */
  private static final double ROUNDED = 5e-4;

  private static final LevelSchedule TWO_LEVELS = new LevelSchedule(List.of(
      LoadLevel.concurrency(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(10)),
      LoadLevel.concurrency(1, 2, Duration.ofSeconds(1), Duration.ofSeconds(10))));

  private static void assertHdr(double expected, double actual, String what) {
    assertEquals(expected, actual, expected * HDR_RELATIVE, what);
  }

  private static RunAggregator aggregate(LevelSchedule schedule, RequestRecord... records) {
    RunAggregator a = new RunAggregator(schedule);
    for (RequestRecord r : records) {
      a.add(r);
    }
    return a;
  }

  // Three successful requests of level 0: TTFT 100/200/300 ms, ITL 20,20/30,30/40,40 ms, TPOT 20/30/40 ms,
  // E2E 140/260/380 ms, 3 tokens each (usage), prompts of 10, 10 and 20 tokens.
  private static final RequestRecord S1 = Records.successful().id("s1").inFlight(1).send(2_000_000)
      .chunks(2_100_000, 2_120_000, 2_140_000).end(2_141_000).usage(10, 3).build();
  private static final RequestRecord S2 = Records.successful().id("s2").inFlight(1).send(3_000_000)
      .chunks(3_200_000, 3_230_000, 3_260_000).end(3_261_000).usage(10, 3).build();
  private static final RequestRecord S3 = Records.successful().id("s3").inFlight(1).send(4_000_000)
      .chunks(4_300_000, 4_340_000, 4_380_000).end(4_381_000).usage(20, 3).build();
  // Failures of level 0; the incomplete one has a 3 s "TTFT" that must not reach the percentiles.
  private static final RequestRecord E1 = Records.errored("http_error", "HTTP 500: first").id("e1").inFlight(2).send(5_000_000)
      .end(5_010_000).build();
  private static final RequestRecord E2 = Records.errored("http_error", "HTTP 500: second").id("e2").inFlight(2).send(5_500_000)
      .end(5_600_000).build();
  private static final RequestRecord I1 = Records.incomplete("stream_cut", "the stream ended before a finish reason").id("i1")
      .inFlight(5).send(6_000_000).chunks(9_000_000).end(9_500_000).build();
  // One failure of level 1.
  private static final RequestRecord E3 = Records.errored("http_error", "HTTP 429").id("e3").level(1).send(13_000_000)
      .end(13_001_000).build();

  @Test
  void outcomesAreCountedPerLevelAndOnlySuccessfulRequestsReachThePercentiles() {
    RunAggregator a = aggregate(TWO_LEVELS, S1, E1, S2, I1, E2, S3, E3);
    LevelSummary l0 = a.summary(0);

    assertEquals(7, a.records());
    assertEquals(new LevelSummary.RequestCounts(3, 2, 1, 6), l0.requests());
    assertEquals(2.0, l0.inFlightMean(), ROUNDED, "(1+1+1+2+2+5)/6: failed requests count for in-flight");

    assertEquals(3, l0.ttftMs().count());
    assertHdr(200, l0.ttftMs().mean(), "TTFT mean");
    assertHdr(200, l0.ttftMs().p50(), "TTFT p50");
    assertHdr(300, l0.ttftMs().p99(), "TTFT p99");
    assertHdr(300, l0.ttftMs().max(), "TTFT max: the incomplete request's 3000 ms stays out");

    assertEquals(6, l0.itlMs().count());
    assertHdr(30, l0.itlMs().mean(), "ITL mean");
    assertHdr(30, l0.itlMs().p50(), "ITL p50");
    assertHdr(40, l0.itlMs().max(), "ITL max");

    assertEquals(3, l0.tpotMs().count());
    assertHdr(30, l0.tpotMs().p50(), "TPOT p50");
    assertHdr(40, l0.tpotMs().max(), "TPOT max");

    assertEquals(3, l0.e2eMs().count());
    assertHdr(260, l0.e2eMs().p50(), "E2E p50");
    assertHdr(380, l0.e2eMs().max(), "E2E max");

    // 3 tokens / 0.14 s, 0.26 s, 0.38 s
    assertEquals(3, l0.requestTokensPerSecond().count());
    assertHdr(3 / 0.26, l0.requestTokensPerSecond().p50(), "request tok/s p50");
    assertHdr(3 / 0.14, l0.requestTokensPerSecond().max(), "request tok/s max");

    assertEquals(40.0 / 3, l0.inputTokensMean(), ROUNDED);
    assertEquals(3.0, l0.outputTokensMean(), ROUNDED);
    assertEquals("usage", l0.tokenCountSource());

    LevelSummary l1 = a.summary(1);
    assertEquals(new LevelSummary.RequestCounts(0, 1, 0, 1), l1.requests());
    assertNull(l1.ttftMs(), "no successful request: no TTFT, not 0");
    assertNull(l1.itlMs());
    assertNull(l1.tpotMs());
    assertNull(l1.e2eMs());
    assertNull(l1.requestTokensPerSecond());
    assertNull(l1.inputTokensMean());
    assertNull(l1.outputTokensMean());
    assertNull(l1.tokenCountSource());
    assertEquals(List.of(new LevelSummary.ErrorSummary("http_error", 1, "HTTP 429")), l1.errors());
  }

  @Test
  void throughputRequestRateAndTotalTokensByHand() {
    LevelSummary l0 = aggregate(TWO_LEVELS, S1, E1, S2, I1, E2, S3, E3).summary(0);

    // Output: 9 tokens of S1..S3 in the 10 s window, and I1's one chunk: the server delivered it before the cut.
    assertEquals(1.0, l0.outputTokensPerSecond(), ROUNDED);
    // Total: 10 output + 10 + 10 + 20 prompt tokens (I1 reported no usage).
    assertEquals(5.0, l0.totalTokensPerSecond(), ROUNDED);
    // Three successful requests ended in the window.
    assertEquals(0.3, l0.requestsPerSecond(), ROUNDED);
    assertEquals(60.0, l0.tokensPerMinute(), ROUNDED);
    assertEquals(10.0, l0.durationSeconds(), 0.0);
    assertEquals("c=1", l0.label());
    assertEquals("concurrency", l0.kind());
    assertEquals(1.0, l0.concurrency(), 0.0);
  }

  @Test
  void warmupRequestsAreCountedButLeftOutOfStatistics() {
    RequestRecord warmOk = Records.successful().id("w1").warmup().inFlight(9).send(500_000).chunks(600_000, 700_000)
        .end(800_000).usage(8, 2).build();
    RequestRecord warmFailed = Records.errored("http_error", "HTTP 503 during warmup").id("w2").warmup().send(900_000)
        .end(950_000).build();
    LevelSummary l0 = aggregate(TWO_LEVELS, warmOk, warmFailed, S1).summary(0);

    assertEquals(2, l0.warmupRequests());
    assertEquals(new LevelSummary.RequestCounts(1, 0, 0, 1), l0.requests());
    assertEquals(1, l0.ttftMs().count());
    assertHdr(100, l0.ttftMs().max(), "TTFT is S1's alone");
    assertEquals(2, l0.itlMs().count());
    assertEquals(1.0, l0.inFlightMean(), ROUNDED, "warmup requests do not count for in-flight");
    assertEquals(10.0, l0.inputTokensMean(), ROUNDED);
    assertEquals(List.of(), l0.errors(), "warmup failures are not reported as errors");
    // Everything of the warmup request arrived before the measured window.
    assertEquals(0.3, l0.outputTokensPerSecond(), ROUNDED);
    assertEquals(0.1, l0.requestsPerSecond(), ROUNDED);
  }

  @Test
  void straddlingRequestHasItsLatenciesInTheStartLevelAndItsTokensSplitAcrossWindows() {
    // Starts in level 0, 10 tokens (usage) over 5 chunks = 2 tokens per chunk:
    // 10.5 s and 10.9 s in level 0's window, 11.5 s in level 1's warmup (counted nowhere),
    // 12.1 s and 12.2 s in level 1's window; ends at 12.3 s, in level 1's window.
    RequestRecord x = Records.successful().id("x").send(10_000_000).chunks(10_500_000, 10_900_000, 11_500_000, 12_100_000, 12_200_000)
        .end(12_300_000).usage(30, 10).build();
    RunAggregator a = aggregate(TWO_LEVELS, x);
    LevelSummary l0 = a.summary(0);
    LevelSummary l1 = a.summary(1);

    assertEquals(new LevelSummary.RequestCounts(1, 0, 0, 1), l0.requests());
    assertHdr(500, l0.ttftMs().p50(), "TTFT");
    assertHdr(2_200, l0.e2eMs().p50(), "E2E");
    assertEquals(10.0, l0.outputTokensMean(), ROUNDED);
    assertEquals(new LevelSummary.RequestCounts(0, 0, 0, 0), l1.requests());
    assertNull(l1.ttftMs());

    assertEquals(0.4, l0.outputTokensPerSecond(), ROUNDED, "2 chunks x 2 tokens / 10 s");
    assertEquals(3.4, l0.totalTokensPerSecond(), ROUNDED, "the prompt counts where the first token arrived");
    assertEquals(0.0, l0.requestsPerSecond(), ROUNDED);
    assertEquals(0.4, l1.outputTokensPerSecond(), ROUNDED, "2 chunks x 2 tokens / 10 s");
    assertEquals(0.4, l1.totalTokensPerSecond(), ROUNDED);
    assertEquals(0.1, l1.requestsPerSecond(), ROUNDED, "the request ended in level 1's window");
  }

  @Test
  void windowsAreHalfOpenAndCountWarmupRequestsTokens() {
    // A level-1 warmup request (no usage: 1 token per chunk) with chunks at 11.8 s (warmup), 12.0 s (first
    // measured microsecond) and 21.999999 s (last one); ends at 22.0 s, after the window.
    RequestRecord w = Records.successful().id("w").level(1).warmup().send(11_200_000).chunks(11_800_000, 12_000_000, 21_999_999)
        .end(22_000_000).build();
    // A level-0 request whose only chunk arrives exactly at the end of level 0's window (11 s).
    RequestRecord edge = Records.successful().id("edge").send(10_990_000).chunks(11_000_000).end(11_000_000).usage(4, 1).build();
    RunAggregator a = aggregate(TWO_LEVELS, w, edge);

    assertEquals(0.2, a.summary(1).outputTokensPerSecond(), ROUNDED);
    assertEquals(0.0, a.summary(1).requestsPerSecond(), ROUNDED);
    assertEquals(1, a.summary(1).warmupRequests());
    assertEquals(0.0, a.summary(0).outputTokensPerSecond(), ROUNDED);
    assertEquals(0.0, a.summary(0).totalTokensPerSecond(), ROUNDED);
    assertEquals(new LevelSummary.RequestCounts(1, 0, 0, 1), a.summary(0).requests());
  }

  @Test
  void tokenCountSourceIsUsageChunksOrMixedPerLevel() {
    LevelSchedule three = new LevelSchedule(List.of(
        LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(10)),
        LoadLevel.concurrency(1, 2, Duration.ZERO, Duration.ofSeconds(10)),
        LoadLevel.concurrency(2, 4, Duration.ZERO, Duration.ofSeconds(10))));
    RunAggregator a = aggregate(three,
        Records.successful().level(0).send(1_000_000).chunks(1_100_000, 1_200_000).usage(5, 2).build(),
        Records.successful().level(0).send(2_000_000).chunks(2_100_000).usage(5, 1).build(),
        Records.successful().level(1).send(11_000_000).chunks(11_100_000, 11_200_000).build(),
        Records.successful().level(1).send(12_000_000).chunks(12_100_000, 12_200_000, 12_300_000).build(),
        Records.successful().level(2).send(21_000_000).chunks(21_100_000, 21_200_000).usage(5, 6).build(),
        Records.successful().level(2).send(22_000_000).chunks(22_100_000, 22_200_000).build(),
        // failures never decide the source
        Records.errored("http_error", "x").level(0).send(3_000_000).end(3_000_100).build());

    assertEquals(List.of("usage", "chunks", "mixed"), a.summaries().stream().map(LevelSummary::tokenCountSource).toList());
    assertEquals(1.5, a.summary(0).outputTokensMean(), ROUNDED);
    assertEquals(2.5, a.summary(1).outputTokensMean(), ROUNDED);
    assertNull(a.summary(1).inputTokensMean(), "no usage, no prompt token count");
    assertEquals(4.0, a.summary(2).outputTokensMean(), ROUNDED, "(6 from usage + 2 chunks) / 2");
    assertEquals(0.8, a.summary(2).outputTokensPerSecond(), ROUNDED, "2 chunks x 3 tokens + 2 chunks x 1 token, / 10 s");
  }

  @Test
  void percentilesOfOneToOneHundredMilliseconds() {
    RunAggregator a = new RunAggregator(TWO_LEVELS);
    // TTFT = i ms for i = 1..100, added in a scrambled order.
    for (int k = 0; k < 100; k++) {
      int i = (k * 37) % 100 + 1;
      long send = 1_000_000 + k * 50_000L;
      a.add(Records.successful().id("p" + i).send(send).chunks(send + i * 1_000L).usage(1, 1).build());
    }
    Percentiles ttft = a.summary(0).ttftMs();

    assertEquals(100, ttft.count());
    assertHdr(50.5, ttft.mean(), "mean");
    assertHdr(50, ttft.p50(), "p50");
    assertHdr(90, ttft.p90(), "p90");
    assertHdr(95, ttft.p95(), "p95");
    assertHdr(99, ttft.p99(), "p99");
    assertHdr(100, ttft.max(), "max");
    assertNull(a.summary(0).itlMs(), "single-token requests have no ITL");
    assertNull(a.summary(0).tpotMs(), "single-token requests have no TPOT");
  }

  @Test
  void errorSamplesKeepTheFirstMessageAndCountEveryOne() {
    RunAggregator a = aggregate(TWO_LEVELS,
        Records.errored("http_error", "HTTP 500: first").send(2_000_000).build(),
        Records.incomplete("timeout", "no [DONE] within llm.timeouts.request").send(2_100_000).end(2_200_000).build(),
        Records.errored("http_error", "HTTP 500: second").send(2_300_000).build(),
        Records.errored("http_error", "HTTP 502: third").send(2_400_000).build(),
        Records.errored(null, "refused").send(2_500_000).build());

    assertEquals(List.of(
            new LevelSummary.ErrorSummary("http_error", 3, "HTTP 500: first"),
            new LevelSummary.ErrorSummary("timeout", 1, "no [DONE] within llm.timeouts.request"),
            new LevelSummary.ErrorSummary("unknown", 1, "refused")),
        a.summary(0).errors());
    assertEquals(new LevelSummary.RequestCounts(0, 4, 1, 5), a.summary(0).requests());
  }

  @Test
  void aFailureKindThisVersionDoesNotKnowIsCountedAsUnknown() {
    RunAggregator a = aggregate(TWO_LEVELS, Records.incomplete("kind_of_a_later_version", "cut somehow").send(2_000_000).end(2_100_000).build());
    assertEquals(List.of(new LevelSummary.ErrorSummary("unknown", 1, "cut somehow")), a.summary(0).errors());
  }

  @Test
  void aLevelIndexPastTheScheduleGoesToTheLastLevel() {
    RunAggregator a = aggregate(TWO_LEVELS, Records.errored("http_error", "late").level(7).send(30_000_000).build());
    assertEquals(1, a.summary(1).requests().errored());
    assertEquals(0, a.summary(0).requests().total());
  }

  @Test
  void summariesAreInScheduleOrder() {
    List<LevelSummary> all = new RunAggregator(TWO_LEVELS).summaries();
    assertEquals(List.of(0, 1), all.stream().map(LevelSummary::index).toList());
    assertEquals(List.of("c=1", "c=2"), all.stream().map(LevelSummary::label).toList());
    assertEquals(0.0, all.get(0).inFlightMean(), 0.0);
    assertEquals(0.0, all.get(0).outputTokensPerSecond(), 0.0);
  }

  @Test
  void timeToHeadersAndConnectionRetriesPerLevel() {
    RequestRecord plain = Records.successful().id("h1").send(2_000_000).headers(2_004_000).chunks(2_100_000, 2_120_000).build();
    RequestRecord resent = Records.successful().id("h2").send(3_000_000).resent(3_001_500).headers(3_010_000)
        .chunks(3_200_000, 3_220_000).build();
    RequestRecord noHeaders = Records.errored("timeout", "no response headers").id("h3").send(4_000_000).end(5_000_000).build();
    RequestRecord warmupResent = Records.successful().id("h4").warmup().send(500_000).resent(501_000).headers(510_000)
        .chunks(600_000).build();
    LevelSummary l0 = aggregate(TWO_LEVELS, plain, resent, noHeaders, warmupResent).summary(0);

    assertEquals(1, l0.connectionRetries(), "the measured re-sent request; the warm-up one is left out like every warm-up count");
    assertEquals(2, l0.timeToHeadersMs().count());
    assertEquals(4.0, l0.timeToHeadersMs().p50(), 0.01, "headers - send");
    assertEquals(10.0, l0.timeToHeadersMs().max(), 0.01, "from the first attempt's send, not the re-send");
    assertEquals(200.0, l0.ttftMs().max(), 0.25, "TTFT of the re-sent request counts from its first send too");
  }

  @Test
  void anOpenLevelReportsSendLagAchievedRateAndLatencyFromTheScheduledTime() {
    LevelSchedule rates = new LevelSchedule(List.of(LoadLevel.rate(0, 2, Duration.ofSeconds(1), Duration.ofSeconds(2))));
    // scheduled at 1.0, 1.5, 2.0 and 2.5 s; sent 1, 2, 3 and 40 ms late
    List<RequestRecord> records = List.of(
        Records.successful().id("o1").scheduled(1_000_000).send(1_001_000).chunks(1_101_000, 1_111_000).build(),
        Records.successful().id("o2").scheduled(1_500_000).send(1_502_000).chunks(1_602_000, 1_612_000).build(),
        Records.successful().id("o3").scheduled(2_000_000).send(2_003_000).chunks(2_103_000, 2_113_000).build(),
        Records.successful().id("o4").scheduled(2_500_000).send(2_540_000).chunks(2_640_000, 2_650_000).build());
    RunAggregator a = new RunAggregator(rates);
    records.forEach(a::add);
    LevelSummary l = a.summary(0);

    assertEquals("rate", l.kind());
    assertEquals(2.0, l.rate());
    assertNull(l.concurrency());
    LevelSummary.OpenLoop open = l.openLoop();
    assertEquals(4, open.scheduledInWindow());
    assertEquals(4, open.sentInWindow());
    assertEquals(2.0, open.achievedRate(), ROUNDED);
    assertEquals(40.0, open.sendLagMs().max(), 0.1);
    assertEquals(100.0, l.ttftMs().max(), 0.1, "TTFT from the send");
    assertEquals(140.0, open.ttftFromScheduledMs().max(), 0.2, "TTFT from the scheduled time includes the client's lag");
    assertNotNull(open.problem(), "a 40 ms lag at p99 is more than the client may add");
    assertTrue(open.problem().startsWith("the load generator did not keep the schedule of 2/s"), open.problem());
  }

  @Test
  void aClosedLevelHasNoOpenLoopFigures() {
    LevelSummary l = aggregate(TWO_LEVELS, S1).summary(0);
    assertNull(l.openLoop());
    assertNull(l.rate());
    assertEquals(1.0, l.concurrency());
  }

  // ---- per endpoint (replicas) ----

  private static final String A = "http://127.0.0.1:8001/v1";
  private static final String B = "http://127.0.0.1:8002/v1";

  @Test
  void eachEndpointGetsTheSameComputationOverItsOwnRequests() {
    RunAggregator a = new RunAggregator(TWO_LEVELS, List.of(A, B));
    RequestRecord[] toA = {
        Records.successful().id("a1").endpoint(A).send(2_000_000).chunks(2_100_000, 2_120_000, 2_140_000).end(2_141_000).usage(10, 3).build(),
        Records.successful().id("a2").endpoint(A).send(3_000_000).chunks(3_200_000, 3_230_000, 3_260_000).end(3_261_000).usage(10, 3).build(),
        Records.errored("http_error", "HTTP 500").id("a3").endpoint(A).send(5_000_000).end(5_010_000).build()};
    RequestRecord[] toB = {
        Records.successful().id("b1").endpoint(B).send(4_000_000).chunks(4_300_000, 4_340_000, 4_380_000).end(4_381_000).usage(20, 3).build(),
        Records.successful().id("b2").endpoint(B).level(1).send(13_000_000).chunks(13_050_000, 13_060_000).end(13_061_000).usage(5, 2).build()};
    for (int i = 0; i < 3; i++) {
      a.add(toA[i]);
      if (i < toB.length) {
        a.add(toB[i]);
      }
    }
    List<EndpointSummary> endpoints = a.endpointSummaries();
    assertEquals(List.of(A, B), endpoints.stream().map(EndpointSummary::endpoint).toList(), "in the configured order");

    RunAggregator onlyA = aggregate(TWO_LEVELS, toA);
    RunAggregator onlyB = aggregate(TWO_LEVELS, toB);
    assertEquals(onlyA.summaries(), endpoints.get(0).levels(), "endpoint A: exactly the summary of A's requests alone");
    assertEquals(onlyB.summaries(), endpoints.get(1).levels(), "endpoint B: exactly the summary of B's requests alone");

    LevelSummary a0 = endpoints.get(0).levels().get(0);
    LevelSummary b0 = endpoints.get(1).levels().get(0);
    assertEquals(new LevelSummary.RequestCounts(2, 1, 0, 3), a0.requests());
    assertEquals(new LevelSummary.RequestCounts(1, 0, 0, 1), b0.requests());
    assertHdr(150, a0.ttftMs().mean(), "A's TTFT: 100 and 200 ms");
    assertHdr(300, b0.ttftMs().mean(), "B's TTFT: 300 ms");
    LevelSummary all0 = a.summary(0);
    assertEquals(all0.outputTokensPerSecond(), a0.outputTokensPerSecond() + b0.outputTokensPerSecond(), ROUNDED,
        "the endpoints' window throughput adds up to the level's");
    assertEquals(all0.requests().total(), a0.requests().total() + b0.requests().total());
    assertEquals(1, endpoints.get(1).levels().get(1).requests().successful(), "B's level-1 request");
    assertEquals(0, endpoints.get(0).levels().get(1).requests().total(), "A had none at level 1: an empty level, still listed");
  }

  @Test
  void oneEndpointHasNoBreakdown() {
    RunAggregator a = new RunAggregator(TWO_LEVELS, List.of(A));
    a.add(S1);
    assertEquals(List.of(), a.endpointSummaries());
    assertEquals(List.of(), aggregate(TWO_LEVELS, S1).endpointSummaries());
  }

  @Test
  void anEndpointNotConfiguredComesAfterTheConfiguredOnes() {
    RunAggregator a = new RunAggregator(TWO_LEVELS, List.of(A, B));
    a.add(Records.successful().id("x").endpoint("http://127.0.0.1:9999/v1").send(2_000_000).chunks(2_100_000).build());
    assertEquals(List.of(A, B, "http://127.0.0.1:9999/v1"), a.endpointSummaries().stream().map(EndpointSummary::endpoint).toList());
  }

  @Test
  void endpointBreakdownFollowsAddedLevelsAndStops() {
    RunAggregator a = new RunAggregator(TWO_LEVELS, List.of(A, B));
    a.extend(TWO_LEVELS.extendedBy(List.of(LoadLevel.rate(2, 5, Duration.ofSeconds(1), Duration.ofSeconds(10))), 22_000_000));
    a.add(Records.successful().id("r").endpoint(B).level(2).send(24_000_000).chunks(24_100_000).build());
    assertEquals(3, a.endpointSummaries().get(1).levels().size());
    assertEquals(1, a.endpointSummaries().get(1).levels().get(2).requests().successful());
    assertEquals(a.summariesUntil(15_000_000).size(), a.endpointSummariesUntil(15_000_000).get(0).levels().size(),
        "a run stopped early: the same levels per endpoint as in total");
  }

  @Test
  void cachedPromptTokensMeanAndShareOverTheRequestsWhoseServerSaidSo() {
    // level 0: prompts 100 (64 cached) and 60 (0 cached) reported; a third without the figure is left out, as is a failure
    RequestRecord hit = Records.successful().id("k1").send(2_000_000).chunks(2_100_000).usage(100, 1).cached(64).build();
    RequestRecord miss = Records.successful().id("k2").send(3_000_000).chunks(3_100_000).usage(60, 1).cached(0).build();
    RequestRecord unknown = Records.successful().id("k3").send(4_000_000).chunks(4_100_000).usage(1000, 1).build();
    RequestRecord failed = Records.errored("http_error", "HTTP 500").id("k4").send(5_000_000).usage(500, 0).cached(500).build();
    LevelSummary l0 = aggregate(TWO_LEVELS, hit, miss, unknown, failed).summary(0);

    assertEquals(32.0, l0.cachedPromptTokensMean(), ROUNDED, "(64 + 0) / 2");
    assertEquals(0.4, l0.cachedPromptShare(), ROUNDED, "64 / (100 + 60)");
  }

  @Test
  void cachedPromptFiguresAreNullWhenNoServerSaid() {
    LevelSummary l0 = aggregate(TWO_LEVELS, S1, S2).summary(0);
    assertNull(l0.cachedPromptTokensMean(), "unknown is null, never 0");
    assertNull(l0.cachedPromptShare());
    LevelSummary allMisses = aggregate(TWO_LEVELS, Records.successful().id("z").send(2_000_000).chunks(2_100_000).usage(10, 1).cached(0)
        .build()).summary(0);
    assertEquals(0.0, allMisses.cachedPromptTokensMean(), "the server said 0: 0");
    assertEquals(0.0, allMisses.cachedPromptShare());
  }

  // ---- SLO, cost and output text ----

  @Test
  void attainmentGoodputAndVerdictPerLevelByHand() {
    RunAggregator a = new RunAggregator(TWO_LEVELS);
    a.judgeBy(new dev.llmload.config.SloSettings(250.0, null, null, null, 95, false, 0.5), dev.llmload.config.CostSettings.NONE);
    for (RequestRecord r : List.of(S1, E1, S2, I1, E2, S3, E3)) {
      a.add(r);
    }
    LevelSummary.Slo l0 = a.summary(0).slo();
    // level 0: 6 measured requests; TTFT 100 and 200 ms are within 250 ms (S1, S2: 3 tokens each), S3's 300 ms is not
    assertEquals(2.0 / 6, l0.attainment(), 1e-4);
    assertEquals(0.2, l0.requestGoodput(), ROUNDED, "2 good / 10 s");
    assertEquals(0.6, l0.tokenGoodput(), ROUNDED, "6 tokens / 10 s");
    assertEquals(false, l0.met());
    assertTrue(l0.missed().startsWith("TTFT p95 300"), "p95 of 100, 200, 300 ms is 300 ms; 3 failed of 6 is within 50 %: "
        + l0.missed());
    LevelSummary.Slo l1 = a.summary(1).slo();
    assertEquals(0.0, l1.attainment());
    assertEquals("no successful request; error rate 100 % above 50 %", l1.missed());
    assertNull(new RunAggregator(TWO_LEVELS).summary(0).slo(), "no SLO, no verdict");
  }

  @Test
  void theLevelsCostAtItsThroughput() {
    RunAggregator a = new RunAggregator(TWO_LEVELS);
    // 2 GPUs x $1.8 an hour = $0.001 a second
    a.judgeBy(dev.llmload.config.SloSettings.NONE, new dev.llmload.config.CostSettings(1.8, 2.0));
    for (RequestRecord r : List.of(S1, E1, S2, I1, E2, S3, E3)) {
      a.add(r);
    }
    LevelSummary l0 = a.summary(0);
    // level 0's window: 9 chunks of S1-S3 (1 token each by usage) and I1's one chunk = 10 tokens / 10 s = 1 tok/s, plus the
    // prompts of S1-S3 (10 + 10 + 20) = 5 tok/s in all
    assertEquals(1.0, l0.outputTokensPerSecond(), ROUNDED);
    assertEquals(5.0, l0.totalTokensPerSecond(), ROUNDED);
    assertEquals(1000.0, l0.cost().perMillionOutputTokensUsd(), 1e-9, "$0.001 / 1 tok/s x 1e6");
    assertEquals(200.0, l0.cost().perMillionTotalTokensUsd(), 1e-9, "$0.001 / 5 tok/s x 1e6");
    assertNull(a.summary(1).cost().perMillionOutputTokensUsd(), "nothing delivered at c=2");
    assertNull(new RunAggregator(TWO_LEVELS).summary(0).cost(), "no price, no cost");
  }

  @Test
  void outputTextOfTheSuccessfulMeasuredReplies() {
    RunAggregator a = aggregate(TWO_LEVELS,
        Records.successful().send(2_000_000).chunks(2_100_000).text(40, 8, 6).build(),
        Records.successful().send(3_000_000).chunks(3_100_000).text(50, 10, 10).build(),
        Records.successful().send(4_000_000).chunks(4_100_000).text(0, 0, 0).build(),
        Records.successful().send(4_500_000).chunks(4_600_000).build(),
        Records.successful().warmup().send(500_000).chunks(600_000).text(1000, 100, 1).build(),
        Records.incomplete("stream_cut", "cut").send(5_000_000).chunks(5_100_000).text(7, 1, 1).build());
    LevelSummary.Text text = a.summary(0).text();
    // the first three: (40 + 50 + 0) / 3 characters, (8 + 10 + 0) / 3 words, diversity (6/8 + 10/10) / 2 over those with words;
    // the uncounted one, the warm-up and the cut one are left out
    assertEquals(30.0, text.outputCharsMean(), ROUNDED);
    assertEquals(6.0, text.outputWordsMean(), ROUNDED);
    assertEquals(0.875, text.vocabularyDiversity(), 1e-9);
    assertNull(a.summary(1).text(), "no reply at c=2");
  }

  @Test
  void outputLengthsAreCheckedOnlyAgainstUsageNeverAgainstChunkCounts() {
    // two tokens a chunk, no usage: 2 chunks for 4 tokens asked must not read as "not honoured"
    RequestRecord noUsage = Records.successful().id("n1").inFlight(1).send(2_000_000).chunks(2_100_000, 2_120_000).end(2_121_000)
        .requested(-1, 4).build();
    assertNull(aggregate(TWO_LEVELS, noUsage).summaries().get(0).lengths(), "nothing to judge without usage");
    RequestRecord withUsage = Records.successful().id("u1").inFlight(1).send(3_000_000).chunks(3_100_000, 3_120_000).end(3_121_000)
        .usage(10, 4).requested(-1, 4).build();
    LevelSummary.Lengths lengths = aggregate(TWO_LEVELS, noUsage, withUsage).summaries().get(0).lengths();
    assertEquals(4.0, lengths.receivedOutputTokensMean());
    assertNull(lengths.lengthWarning());
  }
}

package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.SloSettings;
import org.junit.jupiter.api.Test;

/** {@link SloCheck}: requests and levels against limits, by hand. */
class SloCheckTest {

  /** TTFT 100 ms, gaps 20 and 20 ms, TPOT 20 ms, E2E 140 ms, 3 tokens. */
  private static final RequestRecord REQUEST = Records.successful().send(1_000_000).chunks(1_100_000, 1_120_000, 1_140_000)
      .usage(10, 3).build();

  private static SloSettings limits(Double ttftMs, Double tpotMs, Double itlMs, Double e2eMs) {
    return new SloSettings(ttftMs, tpotMs, itlMs, e2eMs, 95, false, null);
  }

  @Test
  void aRequestIsGoodWhenEveryLimitHoldsALimitItselfIncluded() {
    assertTrue(SloCheck.good(limits(100.0, 20.0, 20.0, 140.0), REQUEST), "each value equal to its limit");
    assertFalse(SloCheck.good(limits(99.9, null, null, null), REQUEST), "TTFT 100 ms");
    assertFalse(SloCheck.good(limits(null, 19.9, null, null), REQUEST), "TPOT 20 ms");
    assertFalse(SloCheck.good(limits(null, null, 19.9, null), REQUEST), "a gap of 20 ms");
    assertFalse(SloCheck.good(limits(null, null, null, 139.9), REQUEST), "E2E 140 ms");
  }

  @Test
  void anItlLimitHoldsForEveryGapNotTheMean() {
    // gaps 10, 10 and 40 ms: mean 20 ms, the longest 40 ms
    RequestRecord stall = Records.successful().send(0).chunks(100_000, 110_000, 120_000, 160_000).usage(10, 4).build();
    assertFalse(SloCheck.good(limits(null, null, 30.0, null), stall));
    assertTrue(SloCheck.good(limits(null, null, 40.0, null), stall));
    assertTrue(SloCheck.good(limits(null, 20.0, null, null), stall), "TPOT (160 - 100) / 3 = 20 ms");
  }

  @Test
  void failedRequestsAreNeverGood() {
    SloSettings errorsOnly = new SloSettings(null, null, null, null, 95, false, 0.01);
    assertTrue(SloCheck.good(errorsOnly, REQUEST));
    assertFalse(SloCheck.good(errorsOnly, Records.errored("http_error", "HTTP 503").build()));
    assertFalse(SloCheck.good(limits(1000.0, null, null, null),
        Records.incomplete("stream_cut", "cut").send(0).chunks(10_000, 20_000).build()), "fast, but cut");
  }

  @Test
  void aOneTokenReplyHasNoTpotOrGapToExceedButAReplyWithoutContentMissesTtftAndE2e() {
    RequestRecord oneToken = Records.successful().send(0).chunks(50_000).usage(10, 1).build();
    assertTrue(SloCheck.good(limits(50.0, 0.001, 0.001, 50.0), oneToken));
    RequestRecord noContent = Records.successful().send(0).end(30_000).usage(10, 0).build();
    assertTrue(SloCheck.good(limits(null, 1.0, 1.0, null), noContent));
    assertFalse(SloCheck.good(limits(1000.0, null, null, null), noContent));
    assertFalse(SloCheck.good(limits(null, null, null, 1000.0), noContent));
  }

  // ---- levels ----

  /** 20 measured requests, 1 failed, 17 good of 128 output tokens each, over 10 s; TTFT p95 450 ms, TPOT p95 none. */
  private static SloCheck.LevelFigures figures(Double ttftMs, Double tpotMs) {
    return new SloCheck.LevelFigures(20, 1, 17, 17 * 128, 10, ttftMs, tpotMs, null, null);
  }

  @Test
  void attainmentAndGoodputByHand() {
    LevelSummary.Slo slo = SloCheck.judge(new SloSettings(500.0, null, null, null, 95, false, 0.1), figures(450.0, null));
    assertEquals(0.85, slo.attainment(), 1e-12, "17 / 20");
    assertEquals(1.7, slo.requestGoodput(), 1e-12, "17 / 10 s");
    assertEquals(217.6, slo.tokenGoodput(), 1e-12, "17 x 128 / 10 s");
    assertTrue(slo.met(), "TTFT p95 450 <= 500, 1 / 20 = 5 % <= 10 %; attainment does not enter the percentile verdict");
    assertNull(slo.missed());
  }

  @Test
  void perRequestTheAttainmentMustReachThePercentile() {
    LevelSummary.Slo at95 = SloCheck.judge(new SloSettings(500.0, null, null, null, 95, true, null), figures(450.0, null));
    assertFalse(at95.met());
    assertEquals("attainment 85 % below 95 %", at95.missed());
    assertTrue(SloCheck.judge(new SloSettings(500.0, null, null, null, 85, true, null), figures(450.0, null)).met(), "17 / 20 = 85 %");
  }

  @Test
  void everyMissIsNamed() {
    LevelSummary.Slo slo = SloCheck.judge(new SloSettings(500.0, 20.0, null, null, 99.9, false, 0.04), figures(612.3, 25.125));
    assertFalse(slo.met());
    assertEquals("error rate 5 % above 4 %; TTFT p99.9 612.3 ms above 500 ms; TPOT p99.9 25.125 ms above 20 ms", slo.missed());
  }

  @Test
  void aMetricWithoutValuesMissesForTtftAndE2eOnly() {
    SloSettings ttftAndTpot = new SloSettings(500.0, 20.0, null, null, 95, false, null);
    assertTrue(SloCheck.judge(ttftAndTpot, figures(450.0, null)).met(), "one-token replies: no TPOT to exceed");
    assertEquals("no TTFT value", SloCheck.judge(ttftAndTpot, figures(null, 10.0)).missed());
  }

  @Test
  void aLevelWithoutMeasuredOrSuccessfulRequestsNeverMeetsIt() {
    SloSettings slo = new SloSettings(500.0, null, null, null, 95, false, null);
    LevelSummary.Slo none = SloCheck.judge(slo, new SloCheck.LevelFigures(0, 0, 0, 0, 10, null, null, null, null));
    assertNull(none.attainment());
    assertFalse(none.met());
    assertEquals("no measured request", none.missed());
    LevelSummary.Slo allFailed = SloCheck.judge(new SloSettings(null, null, null, null, 95, false, 1.0),
        new SloCheck.LevelFigures(4, 4, 0, 0, 10, null, null, null, null));
    assertEquals(0.0, allFailed.attainment());
    assertEquals("no successful request", allFailed.missed(), "an error rate of 100 % is within 1, yet nothing succeeded");
  }

  @Test
  void noSloJudgesNothing() {
    assertNull(SloCheck.judge(SloSettings.NONE, figures(450.0, null)));
  }
}

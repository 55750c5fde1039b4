package dev.llmload.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of runs with hand-picked numbers: {@code fast} has the higher peak throughput and the lower TTFT,
 * {@code slow} keeps a higher load within its SLO and is cheaper there.
 */
class VerdictsTest {

  private static final double EXACT = 1e-9;

  /** Peak 2000 tok/s at c=32, TTFT p50 20 ms at c=1; within SLO up to c=8 (700 tok/s, $0.50 per 1M). */
  static SummaryFixtures fast() {
    return SummaryFixtures.run("fast").concurrency(1, 100, 20.0, 2.0).concurrency(8, 700, 25.0, 0.5).concurrency(32, 2000, 40.0, 0.3)
        .slo(1, 0.5);
  }

  /** Peak 1000 tok/s at c=32, TTFT p50 50 ms at c=1; within SLO up to c=32 (1000 tok/s, $0.40 per 1M). */
  static SummaryFixtures slow() {
    return SummaryFixtures.run("slow").concurrency(1, 40, 50.0, 5.0).concurrency(8, 300, 55.0, 0.8).concurrency(32, 1000, 80.0, 0.4)
        .slo(2, 0.4);
  }

  private static List<ComparedRun> runs(SummaryFixtures... fixtures) {
    return java.util.Arrays.stream(fixtures).map(SummaryFixtures::parsed).toList();
  }

  @Test
  void twoKnownRunsPickTheRightWinnersAndMargins() {
    List<Verdict> verdicts = Verdicts.all(runs(fast(), slow()));
    assertEquals(List.of("highestThroughput", "lowestTtftAtLowestLoad", "highestLoadWithinSlo", "lowestCostPerMillionOutputTokens"),
        verdicts.stream().map(Verdict::question).toList());

    Verdict throughput = verdicts.get(0);
    assertEquals("fast", throughput.winner());
    assertEquals(2000, throughput.winnerValue(), EXACT);
    assertEquals("slow", throughput.runnerUp());
    assertEquals(100.0, throughput.marginPercent(), EXACT, "2000 / 1000 - 1");
    assertEquals("fast: 2000 output tokens/s at c=32, 100.0 % more than slow's 1000 output tokens/s at c=32 (2.00x).", throughput.sentence());

    Verdict ttft = verdicts.get(1);
    assertEquals("fast", ttft.winner());
    assertEquals(60.0, ttft.marginPercent(), EXACT, "1 - 20 / 50");
    assertEquals("fast: TTFT p50 20 ms at c=1, 60.0 % lower than slow's TTFT p50 50 ms at c=1 (slow's is 2.50x).", ttft.sentence());

    Verdict slo = verdicts.get(2);
    assertEquals("slow", slo.winner());
    assertEquals(32, slo.winnerValue(), EXACT);
    assertEquals(8, slo.runnerUpValue(), EXACT);
    assertEquals(300.0, slo.marginPercent(), EXACT, "32 / 8 - 1");
    assertEquals("slow: up to c=32 within its SLO (1000 output tokens/s), 4.00x the load of fast's c=8 (700 output tokens/s).",
        slo.sentence());

    Verdict cost = verdicts.get(3);
    assertEquals("slow", cost.winner());
    assertEquals(0.4, cost.winnerValue(), EXACT);
    assertEquals(20.0, cost.marginPercent(), 1e-9, "1 - 0.40 / 0.50");
    assertEquals("slow: $0.40 per 1M output tokens at c=32, 20.0 % lower than fast's $0.50 per 1M output tokens at c=8 (fast's is 1.25x). "
        + "Each at its highest load within SLO.", cost.sentence());
  }

  @Test
  void theOrderOfTheRunsDoesNotChangeTheWinners() {
    List<Verdict> a = Verdicts.all(runs(fast(), slow()));
    List<Verdict> b = Verdicts.all(runs(slow(), fast()));
    assertEquals(a.stream().map(Verdict::winner).toList(), b.stream().map(Verdict::winner).toList());
    assertEquals(a.stream().map(Verdict::marginPercent).toList(), b.stream().map(Verdict::marginPercent).toList());
  }

  @Test
  void withThreeRunsTheWinnerIsMeasuredAgainstTheNextBest() {
    SummaryFixtures middle = SummaryFixtures.run("middle").concurrency(1, 80, 30.0).concurrency(8, 500, 35.0).concurrency(32, 1600, 60.0);
    Verdict v = Verdicts.highestThroughput(runs(slow(), fast(), middle));
    assertEquals("fast", v.winner());
    assertEquals("middle", v.runnerUp());
    assertEquals(25.0, v.marginPercent(), EXACT, "2000 / 1600 - 1");
  }

  @Test
  void runsWithoutSloOrCostAreNotKnown() {
    SummaryFixtures a = SummaryFixtures.run("a").concurrency(1, 100, 20.0).concurrency(8, 700, 25.0);
    SummaryFixtures b = SummaryFixtures.run("b").concurrency(1, 40, 50.0).concurrency(8, 300, 55.0);
    List<Verdict> v = Verdicts.all(runs(a, b));
    assertNull(v.get(2).winner());
    assertEquals("Not known: no SLO set (llm.slo.*) in any run.", v.get(2).sentence());
    assertNull(v.get(3).winner());
    assertEquals("Not known: no cost set (llm.cost.gpuHourlyUsd) in any run.", v.get(3).sentence());
  }

  @Test
  void aRunWithoutSloIsNamedAsNotKnownAndTheOtherIsTheOnlyOne() {
    SummaryFixtures noSlo = SummaryFixtures.run("plain").concurrency(1, 100, 20.0).concurrency(8, 900, 25.0);
    Verdict v = Verdicts.highestLoadWithinSlo(runs(slow(), noSlo));
    assertEquals("slow", v.winner());
    assertNull(v.runnerUp());
    assertEquals("slow: up to c=32 within its SLO (1000 output tokens/s), the only run with an SLO. Not known for plain (no SLO set).",
        v.sentence());
  }

  @Test
  void aRunWhoseLevelsAllMissedItsSloLosesToOneWithALevelWithin() {
    SummaryFixtures missed = SummaryFixtures.run("missed").concurrency(1, 100, 20.0).concurrency(8, 900, 25.0).slo(-1, null);
    Verdict v = Verdicts.highestLoadWithinSlo(runs(missed, fast()));
    assertEquals("fast", v.winner());
    assertTrue(v.sentence().endsWith(" missed had no level within its SLO."), v.sentence());

    Verdict none = Verdicts.highestLoadWithinSlo(runs(missed));
    assertNull(none.winner());
    assertEquals("No run had a level within its SLO.", none.sentence());
  }

  @Test
  void theSameLoadWithinSloIsDecidedByThroughputThere() {
    SummaryFixtures a = SummaryFixtures.run("a").concurrency(1, 100, 20.0).concurrency(8, 800, 25.0).slo(1, null);
    SummaryFixtures b = SummaryFixtures.run("b").concurrency(1, 100, 20.0).concurrency(8, 640, 25.0).slo(1, null);
    Verdict v = Verdicts.highestLoadWithinSlo(runs(b, a));
    assertEquals("a", v.winner());
    assertFalse(v.tie());
    assertTrue(v.sentence().contains("25.0 % more"), v.sentence());
  }

  @Test
  void loadsOfDifferentKindsWithinSloAreRankedByThroughput() {
    SummaryFixtures rates = SummaryFixtures.run("rates").rate(2, "2/s", 300, 40.0).rate(5, "5/s", 900, 60.0).slo(1, null);
    Verdict v = Verdicts.highestLoadWithinSlo(runs(fast(), rates));
    assertEquals("rates", v.winner());
    assertEquals("output tokens/s", v.unit());
    assertTrue(v.sentence().contains("ranked by output tokens/s"), v.sentence());
  }

  @Test
  void differentLowestLoadsAreSaid() {
    SummaryFixtures fromTwo = SummaryFixtures.run("two").concurrency(2, 190, 30.0).concurrency(8, 700, 35.0);
    Verdict v = Verdicts.lowestTtftAtLowestLoad(runs(fast(), fromTwo));
    assertEquals("fast", v.winner());
    assertTrue(v.sentence().endsWith(" The lowest loads differ (fast: c=1, two: c=2): not like for like."), v.sentence());
    assertFalse(Verdicts.lowestTtftAtLowestLoad(runs(fast(), slow())).sentence().contains("differ"));
  }

  @Test
  void aFirstLevelWithoutSuccessfulRequestsIsNotKnownNotZero() {
    SummaryFixtures failing = SummaryFixtures.run("failing").concurrency(1, 0, null).concurrency(8, 300, 55.0);
    Verdict v = Verdicts.lowestTtftAtLowestLoad(runs(failing, slow()));
    assertEquals("slow", v.winner());
    assertTrue(v.sentence().contains("the only run with a value"), v.sentence());
    assertTrue(v.sentence().endsWith("Not known for failing (no successful request at its first level, c=1)."), v.sentence());
  }

  @Test
  void equalValuesAreATie() {
    SummaryFixtures a = SummaryFixtures.run("a").concurrency(1, 100, 20.0);
    SummaryFixtures b = SummaryFixtures.run("b").concurrency(1, 100, 20.0);
    Verdict v = Verdicts.highestThroughput(runs(a, b));
    assertTrue(v.tie());
    assertNull(v.winner());
    assertEquals(0.0, v.marginPercent(), EXACT);
    assertEquals("a and b tie: 100 output tokens/s (a at c=1, b at c=1).", v.sentence());
  }

  @Test
  void withoutSloTheCostIsEachRunsLowestOverItsLevels() {
    SummaryFixtures a = SummaryFixtures.run("a").concurrency(1, 100, 20.0, 2.0).concurrency(8, 700, 25.0, 0.3);
    SummaryFixtures b = SummaryFixtures.run("b").concurrency(1, 40, 50.0, 5.0).concurrency(8, 300, 55.0, 0.6);
    SummaryFixtures none = SummaryFixtures.run("none").concurrency(1, 40, 50.0);
    Verdict v = Verdicts.lowestCost(runs(a, b, none));
    assertEquals("a", v.winner());
    assertEquals(0.3, v.winnerValue(), EXACT);
    assertEquals(50.0, v.marginPercent(), EXACT, "1 - 0.3 / 0.6");
    assertTrue(v.sentence().endsWith("Each run's lowest over its levels (no SLO set). Not known for none (no cost set)."), v.sentence());
  }

  @Test
  void aRunWithNoOutputLosesWithoutAPercentage() {
    SummaryFixtures dead = SummaryFixtures.run("dead").concurrency(1, 0, null);
    Verdict v = Verdicts.highestThroughput(runs(dead, fast()));
    assertEquals("fast", v.winner());
    assertNull(v.marginPercent());
    assertEquals("fast: 2000 output tokens/s at c=32; dead's 0 output tokens/s at c=1.", v.sentence());
  }
}

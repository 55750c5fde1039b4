package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversations per level and turns per level, through {@link RunAggregator}, against numbers worked out by hand. The
 * schedule, in seconds: level 0 warm-up [0, 1), measured [1, 11); level 1 warm-up [11, 12), measured [12, 22).
 *
 * <pre>
 *   c-1  3 turns, opens in level 0, completed   t1 2.0-2.2 s TTFT 100 ms  usage 20+10  cached 0
 *                                               t2 3.0-3.1 s TTFT  50 ms  usage 50+10  cached 16
 *                                               t3 4.0-4.5 s TTFT  40 ms  usage 80+10  cached 48
 *   c-2  3 turns, opens in level 0, cut short   t1 5.0-5.3 s TTFT 200 ms  usage 24+10  cached 0;  t2 errored
 *   c-3  3 turns, opens in level 0, unfinished  t1 9.0-9.2 s TTFT 100 ms  usage 22+10  cached 0
 *                                               t2 in level 1, 12.5-12.6 s TTFT 60 ms, usage 54+10, cached 32; no t3
 *   c-4  2 turns, opens in level 0's warm-up    t1 warm-up; t2 1.5-1.6 s TTFT 70 ms, usage 40+5, cached 16
 * </pre>
 */
class ConversationTallyTest {

  /** 2 significant digits: a recorded value comes back within 1 %. */
  private static final double HDR2 = 0.01;
  private static final double ROUNDED = 5e-4;

  private static final LevelSchedule TWO_LEVELS = new LevelSchedule(List.of(
      LoadLevel.concurrency(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(10)),
      LoadLevel.concurrency(1, 2, Duration.ofSeconds(1), Duration.ofSeconds(10))));

  private static Map<String, String> turn(String conversation, int k, int turns) {
    return Map.of("conversation", conversation, "turn", Integer.toString(k), "turns", Integer.toString(turns), "promptSet", "x");
  }

  /** A successful turn sent at {@code sendMs}, first token {@code ttftMs} later, ending at {@code endMs}. */
  private static RequestRecord ok(String id, Map<String, String> labels, long sendMs, long ttftMs, long endMs, int prompt, int output,
      int cached) {
    return Records.successful().id(id).labels(labels).send(sendMs * 1000).chunks((sendMs + ttftMs) * 1000).end(endMs * 1000)
        .usage(prompt, output).cached(cached).build();
  }

  private static final List<RequestRecord> RECORDS = List.of(
      Records.successful().id("w").labels(turn("c-4", 1, 2)).warmup().send(500_000).chunks(600_000).end(700_000).usage(12, 5).build(),
      ok("c4t2", turn("c-4", 2, 2), 1_500, 70, 1_600, 40, 5, 16),
      ok("c1t1", turn("c-1", 1, 3), 2_000, 100, 2_200, 20, 10, 0),
      ok("c1t2", turn("c-1", 2, 3), 3_000, 50, 3_100, 50, 10, 16),
      ok("c1t3", turn("c-1", 3, 3), 4_000, 40, 4_500, 80, 10, 48),
      ok("c2t1", turn("c-2", 1, 3), 5_000, 200, 5_300, 24, 10, 0),
      Records.errored("http_error", "HTTP 500").id("c2t2").labels(turn("c-2", 2, 3)).send(6_000_000).end(6_010_000).build(),
      Records.successful().id("single").send(7_000_000).chunks(7_100_000).usage(999, 1).build(),
      ok("c3t1", turn("c-3", 1, 3), 9_000, 100, 9_200, 22, 10, 0),
      Records.successful().id("c3t2").level(1).labels(turn("c-3", 2, 3)).send(12_500_000).chunks(12_560_000).end(12_600_000)
          .usage(54, 10).cached(32).build());

  private static RunAggregator aggregate(List<RequestRecord> records) {
    RunAggregator a = new RunAggregator(TWO_LEVELS);
    records.forEach(a::add);
    return a;
  }

  @Test
  void conversationsAreCountedInTheLevelTheyOpenedInByHowTheyEnded() {
    ConversationSummary c = aggregate(RECORDS).summary(0).conversations();

    assertEquals(3, c.started(), "c-1, c-2, c-3; c-4 opened in the warm-up");
    assertEquals(1, c.completed());
    assertEquals(1, c.cutShort());
    assertEquals(1, c.unfinished(), "c-3: the run ended after its second turn");
    assertEquals((3 + 2 + 2) / 3.0, c.turnsMean(), ROUNDED);
    assertEquals(2.5, c.durationMeanSeconds(), ROUNDED, "c-1: 2.0 s to 4.5 s");
    assertEquals(180.0, c.totalTokensMean(), ROUNDED, "c-1: (20 + 10) + (50 + 10) + (80 + 10)");
  }

  @Test
  void turnRowsCountTheLevelsOwnMeasuredRequestsByTurnNumber() {
    List<ConversationSummary.Turn> turns = aggregate(RECORDS).summary(0).conversations().turns();

    assertEquals(List.of(1, 2, 3), turns.stream().map(ConversationSummary.Turn::turn).toList());
    ConversationSummary.Turn t1 = turns.get(0);
    assertEquals(3, t1.requests(), "c-1, c-2, c-3 (c-4's first turn was warm-up)");
    assertEquals(3, t1.successful());
    assertEquals(100, t1.ttftMs().p50(), 100 * HDR2);
    assertEquals(200, t1.ttftMs().p95(), 200 * HDR2);
    assertEquals(22.0, t1.promptTokensMean(), ROUNDED, "(20 + 24 + 22) / 3");
    assertEquals(0.0, t1.cachedPromptTokensMean(), ROUNDED);
    ConversationSummary.Turn t2 = turns.get(1);
    assertEquals(3, t2.requests(), "c-1, c-2 (errored) and c-4");
    assertEquals(2, t2.successful());
    assertEquals(50, t2.ttftMs().p50(), 50 * HDR2);
    assertEquals(70, t2.ttftMs().p95(), 70 * HDR2);
    assertEquals(45.0, t2.promptTokensMean(), ROUNDED, "(50 + 40) / 2: the history grows");
    assertEquals(16.0, t2.cachedPromptTokensMean(), ROUNDED);
    ConversationSummary.Turn t3 = turns.get(2);
    assertEquals(1, t3.requests());
    assertEquals(80.0, t3.promptTokensMean(), ROUNDED);
    assertEquals(48.0, t3.cachedPromptTokensMean(), ROUNDED);
  }

  @Test
  void aLaterLevelHasTheTurnsThatRanInItAndNoConversationThatOpenedElsewhere() {
    ConversationSummary c = aggregate(RECORDS).summary(1).conversations();

    assertEquals(0, c.started());
    assertNull(c.turnsMean());
    assertNull(c.durationMeanSeconds());
    assertNull(c.totalTokensMean());
    assertEquals(1, c.turns().size());
    ConversationSummary.Turn t2 = c.turns().get(0);
    assertEquals(2, t2.turn());
    assertEquals(54.0, t2.promptTokensMean(), ROUNDED);
    assertEquals(32.0, t2.cachedPromptTokensMean(), ROUNDED);
  }

  @Test
  void aLevelWithoutConversationsHasNone() {
    assertNull(aggregate(List.of(Records.successful().id("single").send(2_000_000).chunks(2_100_000).build())).summary(0).conversations());
  }

  @Test
  void anUnfinishedConversationThatGoesOnIsCountedAgainWhenItEnds() {
    RunAggregator a = aggregate(RECORDS.subList(0, 3));
    assertEquals(1, a.summary(0).conversations().unfinished(), "c-1 after its first turn");
    a.add(RECORDS.get(3));
    a.add(RECORDS.get(4));
    ConversationSummary c = a.summary(0).conversations();
    assertEquals(1, c.started());
    assertEquals(1, c.completed());
    assertEquals(0, c.unfinished());
  }

  @Test
  void totalTokensAreOverCompletedConversationsWhoseEveryTurnHadUsage() {
    RequestRecord noUsage = Records.successful().id("n1").labels(turn("c-9", 1, 1)).send(2_000_000).chunks(2_100_000).build();
    ConversationSummary c = aggregate(List.of(noUsage)).summary(0).conversations();
    assertEquals(1, c.completed());
    assertNull(c.totalTokensMean(), "unknown, not 0");
    assertNull(c.turns().get(0).promptTokensMean());
    assertNull(c.turns().get(0).cachedPromptTokensMean());
  }
}

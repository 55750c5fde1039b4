package dev.llmload.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.metrics.LevelSummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KneeExplanationTest {

  private static final List<LevelSummary> SWEEP = List.of(level(0, "c=1", 120), level(1, "c=8", 900), level(2, "c=16", 1_000),
      level(3, "c=32", 1_010));

  private static LevelSummary level(int index, String label, double outputTokensPerSecond) {
    return new LevelSummary(index, label, "concurrency", (double) index + 1, null, 12, new LevelSummary.RequestCounts(10, 0, 0, 10), 2, 1, 0,
        null, null, null, null, null, null, outputTokensPerSecond, outputTokensPerSecond * 2, 1, outputTokensPerSecond * 60, 100.0, 128.0,
        "usage", List.of(), null, null, null, null, null, null);
  }

  private static LevelTelemetry.Server server(double runningMax, double waitingMean, Double kvMax, Double preemptions) {
    return new LevelTelemetry.Server(10, runningMax, runningMax, waitingMean, waitingMean * 2, kvMax, preemptions, null, null, null);
  }

  private static LevelTelemetry.Client client(boolean bound, String... reasons) {
    return new LevelTelemetry.Client(0.3, 2, 0.2, 1.0, 0, 0, 0, null, bound, List.of(reasons));
  }

  private static List<LevelTelemetry> of(LevelTelemetry.Server[] servers, LevelTelemetry.Client[] clients) {
    List<LevelTelemetry> out = new ArrayList<>();
    for (int i = 0; i < SWEEP.size(); i++) {
      out.add(new LevelTelemetry(i, SWEEP.get(i).label(), servers == null ? null : servers[i], null, clients == null ? null : clients[i]));
    }
    return out;
  }

  @Test
  void requestsWaitingWhileTheBatchIsFullNameTheBatchLimit() {
    Knee knee = KneeExplanation.explain(SWEEP, of(new LevelTelemetry.Server[] {server(1, 0, 2.0, 0.0), server(8, 0.1, 10.0, 0.0),
        server(8, 7.6, 12.0, 0.0), server(8, 23.9, 12.0, 0.0)}, null));

    assertEquals(Bottleneck.BATCH_LIMIT, knee.bottleneck());
    assertEquals("c=16", knee.fromLevel());
    assertNull(knee.clientBoundFrom());
    assertEquals("Throughput levels off at c=16 (1,000 output tokens/s, within 10 % of the best); from c=16 requests wait in the server "
        + "(7.6 on average) while running stays at 8 and the KV cache at most 12 % full: the batch limit is the bottleneck.", knee.sentence());
  }

  @Test
  void aFullKvCacheWithPreemptionsNamesMemory() {
    Knee knee = KneeExplanation.explain(SWEEP, of(new LevelTelemetry.Server[] {server(1, 0, 5.0, 0.0), server(8, 0, 60.0, 0.0),
        server(14, 1.5, 99.0, 37.0), server(15, 16.0, 100.0, 80.0)}, null));

    assertEquals(Bottleneck.KV_CACHE, knee.bottleneck());
    assertEquals("c=16", knee.fromLevel());
    assertTrue(knee.sentence().contains("from c=16 the KV cache is 99 % full and 37 requests were preempted: memory (the KV cache) is the "
        + "bottleneck."), knee.sentence());
  }

  @Test
  void aFullKvCacheWithRequestsWaitingButNoPreemptionIsStillMemory() {
    Knee knee = KneeExplanation.explain(SWEEP, of(new LevelTelemetry.Server[] {server(1, 0, 5.0, null), server(8, 0, 60.0, null),
        server(11, 4.0, 95.0, null), server(11, 20.0, 96.0, null)}, null));

    assertEquals(Bottleneck.KV_CACHE, knee.bottleneck());
    assertTrue(knee.sentence().contains("requests wait in the server (4.0 on average) while running stays at 11"), knee.sentence());
  }

  @Test
  void aClientBoundLevelAfterTheServerSaturatedIsAddedToTheSentence() {
    Knee knee = KneeExplanation.explain(SWEEP, of(new LevelTelemetry.Server[] {server(1, 0, 2.0, 0.0), server(8, 0, 10.0, 0.0),
        server(8, 7.6, 12.0, 0.0), server(8, 23.9, 12.0, 0.0)}, new LevelTelemetry.Client[] {client(false), client(false), client(false),
        client(true, "event-loop delay p99 23.4 ms (limit 5 ms)")}));

    assertEquals(Bottleneck.BATCH_LIMIT, knee.bottleneck());
    assertEquals("c=32", knee.clientBoundFrom());
    assertTrue(knee.sentence().endsWith("; the load generator was the bottleneck from c=32 (event-loop delay p99 23.4 ms (limit 5 ms)): "
        + "that level is not the server's numbers."), knee.sentence());
  }

  @Test
  void aClientBoundRunWithARoomyServerNamesTheClient() {
    Knee knee = KneeExplanation.explain(SWEEP, of(new LevelTelemetry.Server[] {server(1, 0, 2.0, 0.0), server(8, 0, 10.0, 0.0),
        server(16, 0, 12.0, 0.0), server(32, 0.1, 14.0, 0.0)}, new LevelTelemetry.Client[] {client(false), client(false),
        client(true, "client CPU 1.94 of 2 cores (97 %, limit 90 %)"), client(true, "x")}));

    assertEquals(Bottleneck.CLIENT, knee.bottleneck());
    assertEquals("c=16", knee.fromLevel());
    assertTrue(knee.sentence().contains("the load generator was the bottleneck from c=16 (client CPU 1.94 of 2 cores (97 %, limit 90 %)): "
        + "those levels are not the server's numbers."), knee.sentence());
  }

  @Test
  void aServerThatNeverQueuedSaysNothingSaturated() {
    Knee knee = KneeExplanation.explain(SWEEP, of(new LevelTelemetry.Server[] {server(1, 0, 2.0, 0.0), server(8, 0, 10.0, 0.0),
        server(16, 0.2, 12.0, 0.0), server(32, 0.4, 14.0, 0.0)}, new LevelTelemetry.Client[] {client(false), client(false), client(false),
        client(false)}));

    assertEquals(Bottleneck.NONE, knee.bottleneck());
    assertNull(knee.fromLevel());
    assertTrue(knee.sentence().endsWith("nothing saturated in the server up to c=32: requests waiting at most 0.4 on average, the KV cache "
        + "at most 14 % full."), knee.sentence());
  }

  @Test
  void withoutServerMetricsTheKneeIsUnknownAndSaysWhy() {
    Knee knee = KneeExplanation.explain(SWEEP, of(null, new LevelTelemetry.Client[] {client(false), client(false), client(false),
        client(false)}));

    assertEquals(Bottleneck.UNKNOWN, knee.bottleneck());
    assertTrue(knee.sentence().endsWith("the server offered no metrics, so what saturated cannot be read from its data; the load generator "
        + "kept up at every level."), knee.sentence());
  }

  @Test
  void throughputStillRisingAtTheLastLevelIsNotCalledAPlateau() {
    List<LevelSummary> rising = List.of(level(0, "c=1", 100), level(1, "c=2", 200), level(2, "c=4", 400));

    assertNull(KneeExplanation.plateau(rising));
    assertNull(KneeExplanation.plateau(List.of()));
  }

  @Test
  void aRateSweepIsReadByItsRatesInOrderNotByItsMeasuringPhases() {
    LevelSummary sync = level(0, "sync", 100);
    LevelSummary saturated = level(1, "throughput", 2_000);
    LevelSummary r8 = rate(2, "8/s", 1_500, 8);
    LevelSummary r2 = rate(3, "2/s", 500, 2);
    LevelSummary r4 = rate(4, "4/s", 900, 4);

    assertEquals(List.of(r2, r4, r8), KneeExplanation.byLoad(List.of(sync, saturated, r8, r2, r4)));
    assertEquals(List.of(sync), KneeExplanation.byLoad(List.of(sync)), "one level: as it ran");
  }

  private static LevelSummary rate(int index, String label, double outputTokensPerSecond, double rate) {
    return new LevelSummary(index, label, "rate", null, rate, 12, new LevelSummary.RequestCounts(10, 0, 0, 10), 2, 1, 0,
        null, null, null, null, null, null, outputTokensPerSecond, outputTokensPerSecond * 2, 1, outputTokensPerSecond * 60, 100.0, 128.0,
        "usage", List.of(), null, null, null, null, null, null);
  }

  @Test
  void aServerThatAnsweredOutsideTheMeasuredWindowsIsNotCalledSilent() {
    Knee knee = KneeExplanation.explain(SWEEP, of(null, null), true);

    assertEquals(Bottleneck.UNKNOWN, knee.bottleneck());
    assertTrue(knee.sentence().contains("the server's metrics answered, but no scrape fell inside a measured window"), knee.sentence());
  }

  @Test
  void aServerThatDoesNotReportItsKvCacheIsNotBlamedOnTheBatchAlone() {
    Knee knee = KneeExplanation.explain(SWEEP, of(new LevelTelemetry.Server[] {server(1, 0, null, null), server(8, 0, null, null),
        server(16, 3.0, null, null), server(16, 18.0, null, null)}, null));

    assertEquals(Bottleneck.BATCH_LIMIT, knee.bottleneck());
    assertTrue(knee.sentence().endsWith("from c=16 requests wait in the server (3.0 on average) while running stays at 16: the batch is full - "
        + "its limit, or its KV cache, which this server does not report, is the bottleneck."), knee.sentence());
  }
}

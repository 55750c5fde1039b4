package dev.llmload.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerWindowTest {

  private static final long S = 1_000_000_000L;

  /** A vLLM snapshot at {@code seconds}: gauges, then counters (preemptions, prefix hits and queries, TTFT sum and count). */
  private static ServerSnapshot at(double seconds, double running, double waiting, double kv, double preemptions, double hits,
      double queries, double ttftSum, double ttftCount) {
    return new ServerSnapshot((long) (seconds * S), ServerKind.VLLM, running, waiting, kv, preemptions, hits, queries, ttftSum, ttftCount,
        null, null, null, null);
  }

  @Test
  void gaugesAreAveragedAndCountersDifferencedFromTheLastValueBeforeTheWindow() {
    List<ServerSnapshot> one = List.of(
        at(0, 0, 0, 0.0, 5, 100, 1000, 1.0, 10),
        at(1, 8, 2, 0.50, 7, 150, 1100, 2.0, 20),
        at(2, 8, 6, 0.75, 9, 200, 1300, 4.0, 30),
        at(3, 4, 0, 0.10, 20, 900, 9000, 9.0, 90));

    LevelTelemetry.Server s = ServerWindow.over(List.of(one), 1 * S, 3 * S);

    assertEquals(2, s.samples());
    assertEquals(8.0, s.runningMean());
    assertEquals(8.0, s.runningMax());
    assertEquals(4.0, s.waitingMean());
    assertEquals(6.0, s.waitingMax());
    assertEquals(75.0, s.kvCacheMaxPercent());
    assertEquals(4.0, s.preemptions(), "9 at the window's last scrape - 5 before it");
    assertEquals(100.0 * 100 / 300, s.prefixCacheHitPercent(), 0.01);
    assertEquals(3.0 / 20 * 1000, s.serverTtftMeanMs(), 0.01);
    assertNull(s.queueTimeMeanMs(), "not offered");
  }

  @Test
  void replicasAreSummedAndTheFullestKvCacheCounts() {
    List<ServerSnapshot> a = List.of(at(1, 4, 1, 0.2, 0, 0, 0, 0, 0), at(2, 4, 3, 0.3, 2, 0, 0, 0, 0));
    List<ServerSnapshot> b = List.of(at(1, 2, 0, 0.9, 1, 0, 0, 0, 0), at(2, 2, 0, 0.95, 4, 0, 0, 0, 0));

    LevelTelemetry.Server s = ServerWindow.over(List.of(a, b), 1 * S, 3 * S);

    assertEquals(4, s.samples());
    assertEquals(6.0, s.runningMean());
    assertEquals(2.0, s.waitingMean());
    assertEquals(95.0, s.kvCacheMaxPercent());
    assertEquals(5.0, s.preemptions(), "(2 - 0) + (4 - 1)");
  }

  @Test
  void aCounterThatWentBackCountsFromZeroAndAWindowWithoutScrapesIsNull() {
    List<ServerSnapshot> restarted = List.of(at(0, 0, 0, 0, 50, 0, 0, 0, 0), at(1, 1, 0, 0, 3, 0, 0, 0, 0));

    assertEquals(3.0, ServerWindow.over(List.of(restarted), 1 * S, 2 * S).preemptions());
    assertNull(ServerWindow.over(List.of(restarted), 5 * S, 6 * S));
    assertNull(ServerWindow.over(List.of(), 0, S));
  }

  @Test
  void whatAServerDoesNotOfferStaysNullOverReplicas() {
    // llama.cpp: running and waiting, no preemption, prefix-cache, TTFT or queue metric
    ServerSnapshot llama = new ServerSnapshot(S, ServerKind.LLAMA_CPP, 2.0, 1.0, null, null, null, null, null, null, null, null, null, null);

    LevelTelemetry.Server s = ServerWindow.over(List.of(List.of(llama), List.of(llama)), 0, 2 * S);

    assertEquals(4.0, s.runningMean());
    assertNull(s.kvCacheMaxPercent());
    assertNull(s.preemptions());
    assertNull(s.prefixCacheHitPercent());
    assertNull(s.serverTtftMeanMs());
  }
}

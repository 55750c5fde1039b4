package dev.llmload.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The shape a sweep shows, checked in virtual time with a closed loop: throughput climbs with concurrency to a
 * plateau at {@code maxNumSeqs}, after which time to first token climbs instead.
 */
class PresetShapeTest {

  // The "fast" preset's engine (llm-server.conf); ServerSettingsTest checks the shipped numbers match.
  static final EngineSettings FAST = new EngineSettings(32, 131_072, 8_192, 8.0, 0.1, 50_000, 2_048, true);

  @Test
  void throughputPlateausAtMaxNumSeqsAndTtftClimbsBeyond() {
    double[] tps = new double[8];
    double[] ttft = new double[8];
    int[] levels = {1, 2, 4, 8, 16, 32, 64, 100};
    for (int i = 0; i < levels.length; i++) {
      VirtualClock.LoadResult r = VirtualClock.closedLoop(FAST, levels[i], 50, 128, 3, 12);
      tps[i] = r.outputTokensPerSecond();
      ttft[i] = r.meanTtftMillis();
    }
    for (int i = 1; i <= 5; i++) {
      assertTrue(tps[i] > tps[i - 1] * 1.6, "throughput roughly doubles up to 32: " + tps[i - 1] + " -> " + tps[i]);
    }
    assertEquals(tps[5], tps[6], tps[5] * 0.05, "plateau past 32");
    assertEquals(tps[5], tps[7], tps[5] * 0.05, "plateau past 32");
    assertTrue(ttft[5] < 50, "no queueing at 32: " + ttft[5] + " ms");
    assertTrue(ttft[6] > 10 * ttft[5], "TTFT climbs once requests queue: " + ttft[5] + " -> " + ttft[6]);
    assertTrue(ttft[7] > ttft[6], "and climbs further: " + ttft[6] + " -> " + ttft[7]);
  }
}

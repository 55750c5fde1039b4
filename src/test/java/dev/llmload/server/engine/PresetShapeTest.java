package dev.llmload.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.Preset;
import dev.llmload.server.ServerSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped presets against the numbers docs/simulated-server.md promises, in virtual time with closed-loop
 * clients: single-stream speed and time to first token in the published range, throughput climbing with
 * concurrency to a plateau, time to first token climbing once requests queue.
 */
class PresetShapeTest {

  private static final Map<String, Preset> PRESETS = ServerSettings.builtInPresets();
  /** A short chat prompt: BOS, a system and a user message of a dozen words each, template tokens. */
  private static final int SHORT_PROMPT = 40;

  private static EngineSettings engine(String preset) {
    return PRESETS.get(preset).engine();
  }

  private static VirtualClock.LoadResult single(String preset) {
    return VirtualClock.closedLoop(engine(preset), 1, SHORT_PROMPT, 128, 5, 60);
  }

  @Test
  void fastSweepShowsThePlateauAtMaxNumSeqsAndTtftClimbingBeyond() {
    EngineSettings fast = engine("fast");
    int[] levels = {1, 2, 4, 8, 16, 32, 64, 100};
    double[] tps = new double[levels.length];
    double[] ttft = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      VirtualClock.LoadResult r = VirtualClock.closedLoop(fast, levels[i], SHORT_PROMPT, 128, 3, 12);
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

  @Test
  void fastSingleStreamIsOver100TokensPerSecondAnd128TokensTakeAboutASecond() {
    VirtualClock clock = new VirtualClock(engine("fast"));
    Sequence seq = clock.submit(SHORT_PROMPT, 128);
    clock.runToIdle();
    double seconds = clock.nowNanos / 1e9;
    assertTrue(seconds >= 1.0 && seconds <= 1.5, "128 tokens alone took " + seconds + " s");
    double perStream = 127 / ((VirtualClock.recording(seq).tokenNanos.get(127)
        - VirtualClock.recording(seq).ttftNanos()) / 1e9);
    assertTrue(perStream > 100, perStream + " tok/s");
  }

  @Test
  void llama8bOnL4MatchesTheSeedMeasurements() {
    VirtualClock.LoadResult one = single("llama-3.1-8b-l4");
    assertInRange("single-stream tok/s", 1000 / one.meanItlMillis(), 15.0, 17.0);
    assertInRange("TTFT ms", one.meanTtftMillis(), 65, 85);
    assertInRange("ITL ms", one.meanItlMillis(), 58, 65);
    VirtualClock.LoadResult saturated =
        VirtualClock.closedLoop(engine("llama-3.1-8b-l4"), 200, 150, 128, 20, 80);
    assertInRange("plateau tok/s", saturated.outputTokensPerSecond(), 850, 1_200);
  }

  @Test
  void qwen7bAndGemma2bOnL4MatchTheSeedMeasurements() {
    VirtualClock.LoadResult qwen = single("qwen2.5-7b-l4");
    assertInRange("qwen tok/s", 1000 / qwen.meanItlMillis(), 14.7, 16.5);
    assertInRange("qwen TTFT ms", qwen.meanTtftMillis(), 70, 80);
    VirtualClock.LoadResult gemma = single("gemma-2-2b-l4");
    assertInRange("gemma tok/s", 1000 / gemma.meanItlMillis(), 34, 40);
    assertInRange("gemma TTFT ms", gemma.meanTtftMillis(), 30, 40);
    assertInRange("gemma ITL ms", gemma.meanItlMillis(), 20, 30);
  }

  @Test
  void llama8bOnH100IsAnOrderOfMagnitudeFaster() {
    VirtualClock.LoadResult one = single("llama-3.1-8b-h100");
    assertInRange("single-stream tok/s", 1000 / one.meanItlMillis(), 150, 200);
    VirtualClock.LoadResult saturated =
        VirtualClock.closedLoop(engine("llama-3.1-8b-h100"), 300, 150, 128, 5, 20);
    assertInRange("plateau tok/s", saturated.outputTokensPerSecond(), 9_000, 16_000);
  }

  private static void assertInRange(String what, double value, double min, double max) {
    assertTrue(value >= min && value <= max, what + " = " + value + ", expected " + min + " to " + max);
  }
}

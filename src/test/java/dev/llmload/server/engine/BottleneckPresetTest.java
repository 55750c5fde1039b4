package dev.llmload.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.Preset;
import dev.llmload.server.ServerSettings;
import dev.llmload.server.text.OutputLength;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The two presets whose bottleneck is known ({@code batch-limited}, {@code kv-limited}) show it in the gauges a
 * server exports (running, waiting, KV usage, preemptions) under closed-loop load in virtual time, with the answer
 * lengths a run sends by default (128 tokens, {@code ignore_eos}) and with the preset's natural lengths.
 */
class BottleneckPresetTest {

  /** A short chat prompt, as a default run sends. */
  private static final int PROMPT_TOKENS = 40;
  private static final double WARMUP_SECONDS = 3;
  private static final double SECONDS = 15;

  /** What the gauges showed over the measured window, sampled after every step. */
  private record Gauges(int maxRunning, int minRunning, int maxWaiting, long stepsWaitingAtFullBatch,
      double maxKvUsage, long preemptions, long steps) {}

  private static Preset preset(String name) {
    return ServerSettings.builtInPresets().get(name);
  }

  private static Gauges closedLoop(EngineSettings settings, int concurrency, IntSupplier outputTokens) {
    VirtualClock clock = new VirtualClock(settings);
    for (int i = 0; i < concurrency; i++) {
      clock.submit(PROMPT_TOKENS, outputTokens.getAsInt());
    }
    long warmupNanos = (long) (WARMUP_SECONDS * 1e9);
    long endNanos = (long) (SECONDS * 1e9);
    int maxRunning = 0;
    int minRunning = Integer.MAX_VALUE;
    int maxWaiting = 0;
    long waitingAtFull = 0;
    double maxKv = 0;
    long steps = 0;
    long preemptionsAtWarmup = -1;
    BatchEngine engine = clock.engine;
    while (clock.nowNanos < endNanos) {
      Step step = clock.step();
      // The gauges as a scrape between steps sees them, before the clients whose answers just ended send again.
      if (clock.nowNanos >= warmupNanos) {
        if (preemptionsAtWarmup < 0) {
          preemptionsAtWarmup = engine.preemptionsTotal();
        }
        steps++;
        maxRunning = Math.max(maxRunning, engine.runningCount());
        minRunning = Math.min(minRunning, engine.runningCount());
        maxWaiting = Math.max(maxWaiting, engine.waitingCount());
        if (engine.waitingCount() > 0 && engine.runningCount() == settings.maxNumSeqs()) {
          waitingAtFull++;
        }
        maxKv = Math.max(maxKv, engine.kvCacheUsage());
      }
      for (Emission e : step.emissions()) {
        if (e.finished()) {
          clock.submit(PROMPT_TOKENS, outputTokens.getAsInt());
        }
      }
    }
    return new Gauges(maxRunning, minRunning, maxWaiting, waitingAtFull, maxKv,
        engine.preemptionsTotal() - preemptionsAtWarmup, steps);
  }

  private static IntSupplier fixed(int tokens) {
    return () -> tokens;
  }

  private static IntSupplier natural(Preset preset) {
    OutputLength lengths = preset.outputLength();
    long[] seed = {1};
    return () -> lengths.sample(seed[0]++);
  }

  @Test
  void batchLimitedKeepsEightRunningAndTheRestWaitingWithKvToSpare() {
    Preset preset = preset("batch-limited");
    EngineSettings engine = preset.engine();
    assertEquals(8, engine.maxNumSeqs());
    for (int concurrency : new int[] {16, 32}) {
      for (IntSupplier lengths : List.of(fixed(128), natural(preset))) {
        Gauges g = closedLoop(engine, concurrency, lengths);
        String at = "c=" + concurrency + ": " + g;
        assertEquals(8, g.maxRunning(), at);
        assertTrue(g.maxWaiting() > 0, at);
        assertTrue(g.stepsWaitingAtFullBatch() > g.steps() * 0.9, "waiting while the batch is full: " + at);
        assertTrue(g.maxKvUsage() < 0.9, at);
        assertTrue(g.maxKvUsage() < 0.05, "KV has room to spare: " + at);
        assertEquals(0, g.preemptions(), at);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void batchLimitedBelowItsBatchSizeHasNoQueue(int concurrency) {
    Gauges g = closedLoop(preset("batch-limited").engine(), concurrency, fixed(128));
    assertEquals(0, g.maxWaiting(), g.toString());
    assertTrue(g.maxRunning() <= concurrency, g.toString());
  }

  @Test
  void kvLimitedFillsItsKvCacheAndPreemptsWhileTheBatchHasRoom() {
    Preset preset = preset("kv-limited");
    EngineSettings engine = preset.engine();
    List<String> seen = new ArrayList<>();
    for (int concurrency : new int[] {16, 32}) {
      for (IntSupplier lengths : List.of(fixed(128), natural(preset))) {
        Gauges g = closedLoop(engine, concurrency, lengths);
        String at = "c=" + concurrency + ": " + g;
        seen.add(at);
        assertTrue(g.maxKvUsage() >= 0.95, at);
        assertTrue(g.preemptions() > 0, at);
        assertTrue(g.maxRunning() < engine.maxNumSeqs(), at);
      }
    }
  }

  @Test
  void kvLimitedAtOneStreamNeitherFillsNorPreempts() {
    Gauges g = closedLoop(preset("kv-limited").engine(), 1, fixed(128));
    assertTrue(g.maxKvUsage() < 0.5, g.toString());
    assertEquals(0, g.preemptions(), g.toString());
  }
}

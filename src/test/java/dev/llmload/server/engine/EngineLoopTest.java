package dev.llmload.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real-clock loop: tokens arrive on the sink's executor at (not before) the scheduled step ends. */
class EngineLoopTest {

  @Test
  void deliversEveryTokenOnTheSinksExecutorAfterItsScheduledTime() throws InterruptedException {
    EngineSettings settings = new EngineSettings(4, 10_000, 1_000, 2.0, 0.0, 1e9, 1_000, true);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "sink-thread"));
    CountDownLatch done = new CountDownLatch(2);
    List<long[]> deliveries = new ArrayList<>(); // {generated, scheduled, actual}
    List<String> threads = new ArrayList<>();
    TokenSink sink = new TokenSink() {
      @Override
      public java.util.concurrent.Executor executor() {
        return executor;
      }

      @Override
      public void onTokens(int generated, boolean finished, long scheduledNanos) {
        deliveries.add(new long[] {generated, scheduledNanos, System.nanoTime()});
        threads.add(Thread.currentThread().getName());
        if (finished) {
          done.countDown();
        }
      }
    };
    try (EngineLoop loop = new EngineLoop(settings, "test-engine", 100_000)) {
      loop.submit(new Sequence(3, 10, sink));
      loop.submit(new Sequence(3, 10, sink));
      assertTrue(done.await(5, TimeUnit.SECONDS));
      assertEquals(20, deliveries.size());
      for (long[] d : deliveries) {
        assertTrue(d[2] >= d[1], "delivered before its step ended");
      }
      // Steps are back to back on a fixed schedule, 2 ms apart, except where the loop restarted the schedule
      // because it woke more than 2 ms late (counted in lateStepsTotal).
      long[] ends = deliveries.stream().mapToLong(d -> d[1]).distinct().sorted().toArray();
      int exact = 0;
      for (int i = 1; i < ends.length; i++) {
        long gap = ends[i] - ends[i - 1];
        assertTrue(gap >= 2_000_000, "steps overlap: " + gap);
        // A step that prefills a 3-token prompt at 1e9 tokens/s lasts 3 ns more: whether the second sequence is
        // prefilled in the first step or the second depends on when the loop thread drained its inbox.
        exact += gap <= 2_000_003 ? 1 : 0;
      }
      EngineStats stats = loop.stats();
      assertTrue(exact >= ends.length - 1 - stats.lateStepsTotal(), exact + " of " + (ends.length - 1) + " exact");
      assertTrue(threads.stream().allMatch("sink-thread"::equals));
      assertEquals(20, stats.generatedTokensTotal());
      assertEquals(0, stats.running());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void tellsEachSequencesQueueTimeAtItsFirstAdmission() throws InterruptedException {
    // One sequence at a time, 10 tokens of 2 ms: the second waits for the whole of the first (about 20 ms).
    EngineSettings settings = new EngineSettings(1, 10_000, 1_000, 2.0, 0.0, 1e9, 1_000, true);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    CountDownLatch done = new CountDownLatch(2);
    java.util.concurrent.ConcurrentLinkedQueue<Long> queueNanos = new java.util.concurrent.ConcurrentLinkedQueue<>();
    TokenSink sink = new TokenSink() {
      @Override
      public java.util.concurrent.Executor executor() {
        return executor;
      }

      @Override
      public void onTokens(int generated, boolean finished, long scheduledNanos) {
        if (finished) {
          done.countDown();
        }
      }
    };
    try (EngineLoop loop = new EngineLoop(settings, PrefixCache.disabled(), "test-engine", 100_000,
        queueNanos::add)) {
      loop.submit(new Sequence(3, 10, sink));
      loop.submit(new Sequence(3, 10, sink));
      assertTrue(done.await(5, TimeUnit.SECONDS));
      assertEquals(2, queueNanos.size(), "one queue time per sequence, at its first admission");
      long longest = queueNanos.stream().mapToLong(Long::longValue).max().orElseThrow();
      assertTrue(longest >= TimeUnit.MILLISECONDS.toNanos(18), "the second waited the first out: " + longest);
    } finally {
      executor.shutdownNow();
    }
  }
}

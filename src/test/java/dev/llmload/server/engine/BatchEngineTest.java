package dev.llmload.server.engine;

import static dev.llmload.server.engine.VirtualClock.recording;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching rules, in virtual time (see {@link VirtualClock}): no sleeps, exact durations. */
class BatchEngineTest {

  private static final long MS = 1_000_000;

  /** 10 ms base, 1 ms per sequence, 1,000 prompt tokens/s (1 ms per token), 64-token chunks, roomy KV. */
  private static final EngineSettings BASE = new EngineSettings(4, 10_000, 1_000, 10.0, 1.0, 1_000.0, 64, true);

  @Test
  void stepTimeIsBasePlusPerSequencePlusPrefill() {
    EngineSettings s = new EngineSettings(8, 10_000, 1_000, 10.0, 0.5, 2_000.0, 512, true);
    assertEquals(10 * MS + 2 * MS + 50 * MS, s.stepNanos(4, 100));
    assertEquals(10_500_000, s.stepNanos(1, 0));
  }

  @Test
  void singleSequencePrefillsThenDecodesOneTokenPerStep() {
    VirtualClock clock = new VirtualClock(BASE);
    Sequence seq = clock.submit(10, 3);
    List<Step> steps = clock.runToIdle();

    assertEquals(3, steps.size());
    // Step 1: prefill 10 tokens and sample the first token: 10 + 1 + 10 ms.
    assertEquals(21 * MS, steps.get(0).durationNanos());
    assertEquals(10, steps.get(0).prefillTokens());
    assertEquals(1, steps.get(0).admitted());
    assertEquals(11 * MS, steps.get(1).durationNanos());
    assertEquals(1, steps.get(1).decodeSequences());
    assertEquals(List.of(21 * MS, 32 * MS, 43 * MS), recording(seq).tokenNanos);
    assertEquals(List.of(1, 2, 3), recording(seq).generated);
    assertTrue(recording(seq).finished);
    assertEquals(Sequence.State.FINISHED, seq.state());
    assertEquals(0, clock.engine.kvReservedTokens());
    assertFalse(clock.engine.hasWork());
  }

  @Test
  void batchOfSequencesSharesEachStepAndCostsPerSequence() {
    VirtualClock clock = new VirtualClock(BASE);
    Sequence a = clock.submit(1, 3);
    Sequence b = clock.submit(1, 3);
    Step first = clock.step();
    assertEquals(2, first.batchSize());
    assertEquals(10 * MS + 2 * MS + 2 * MS, first.durationNanos());
    Step second = clock.step();
    assertEquals(12 * MS, second.durationNanos());
    assertEquals(2, second.emissions().size());
    assertEquals(recording(a).tokenNanos, recording(b).tokenNanos);
  }

  @Test
  void atMostMaxNumSeqsRunAndTheRestWaitInFifoOrder() {
    VirtualClock clock = new VirtualClock(BASE.withMaxNumSeqs(2));
    Sequence a = clock.submit(1, 2);
    Sequence b = clock.submit(1, 5);
    Sequence c = clock.submit(1, 2);
    Sequence d = clock.submit(1, 2);

    clock.step();
    assertEquals(2, clock.engine.runningCount());
    assertEquals(2, clock.engine.waitingCount());
    assertEquals(Sequence.State.WAITING, c.state());

    clock.step(); // a finishes (2 tokens), b goes on
    assertEquals(Sequence.State.FINISHED, a.state());
    assertEquals(Sequence.State.WAITING, c.state());

    Step third = clock.step(); // c takes a's place; d still waits
    assertEquals(1, third.admitted());
    assertEquals(Sequence.State.RUNNING, c.state());
    assertEquals(Sequence.State.WAITING, d.state());
    clock.runToIdle();
    assertTrue(recording(c).tokenNanos.get(0) < recording(d).tokenNanos.get(0));
    assertTrue(recording(b).finished && recording(d).finished);
  }

  @Test
  void requestArrivingMidStepWaitsForTheNextStep() {
    VirtualClock clock = new VirtualClock(BASE);
    Sequence a = clock.submit(1, 3);
    clock.step();
    Sequence b = clock.submit(1, 1);
    assertEquals(Sequence.State.WAITING, b.state());
    clock.step();
    assertEquals(recording(a).tokenNanos.get(1), recording(b).tokenNanos.get(0));
  }

  @Test
  void admissionStopsWhenKvBudgetIsFullAndNeverSkipsTheHead() {
    // Conservative mode reserves prompt + output at admission: 60 + 40 tokens each in a 150-token cache.
    EngineSettings s = new EngineSettings(8, 150, 150, 10.0, 0.0, 1e6, 1_000, false);
    VirtualClock clock = new VirtualClock(s);
    Sequence a = clock.submit(60, 40);
    Sequence big = clock.submit(60, 40);
    Sequence small = clock.submit(1, 1);
    clock.step();
    assertEquals(Sequence.State.RUNNING, a.state());
    assertEquals(Sequence.State.WAITING, big.state(), "100 more tokens do not fit in the 50 left");
    assertEquals(Sequence.State.WAITING, small.state(), "FIFO: a small request does not overtake the head");
    assertEquals(100, clock.engine.kvReservedTokens());
    clock.runToIdle();
    assertTrue(recording(big).tokenNanos.get(0) >= recording(a).tokenNanos.get(39));
    assertTrue(recording(small).tokenNanos.get(0) >= recording(big).tokenNanos.get(0));
    assertEquals(0, clock.engine.preemptionsTotal());
  }

  @Test
  void decodeOverflowPreemptsTheNewestSequenceWhichIsRecomputedLater() {
    // Optimistic mode: admit on prompt alone. Two 10-token prompts that each grow by 20 cannot share 40 tokens.
    EngineSettings s = new EngineSettings(8, 40, 40, 10.0, 0.0, 1_000.0, 1_000, true);
    VirtualClock clock = new VirtualClock(s);
    Sequence older = clock.submit(10, 20);
    Sequence newer = clock.submit(10, 20);
    int preemptedAt = -1;
    for (int i = 0; clock.engine.hasWork(); i++) {
      Step step = clock.step();
      assertTrue(clock.engine.kvReservedTokens() <= 40, "KV over budget at step " + i);
      if (step.preempted() > 0 && preemptedAt < 0) {
        preemptedAt = i;
        assertEquals(Sequence.State.WAITING, newer.state(), "the newest sequence is preempted");
        assertEquals(Sequence.State.RUNNING, older.state());
        assertEquals(0, step.admitted(), "no admission in a step that preempted");
      }
    }
    assertTrue(preemptedAt > 0);
    assertTrue(clock.engine.preemptionsTotal() >= 1);
    assertEquals(clock.engine.preemptionsTotal(), newer.preemptions());
    // The preempted stream resumes where it stopped: tokens 1..20, each exactly once.
    assertEquals(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList(), recording(newer).generated);
    assertEquals(20, recording(older).generated.size());
    assertTrue(recording(newer).finished);
  }

  @Test
  void recomputationAfterPreemptionPrefillsPromptPlusGeneratedTokens() {
    EngineSettings s = new EngineSettings(8, 40, 40, 10.0, 0.0, 1_000.0, 1_000, true);
    VirtualClock clock = new VirtualClock(s);
    clock.submit(10, 20);
    Sequence newer = clock.submit(10, 20);
    Step step;
    do {
      step = clock.step();
    } while (step.preempted() == 0);
    int generatedBefore = newer.generatedTokens();
    Step readmission;
    do {
      readmission = clock.step();
    } while (newer.state() == Sequence.State.WAITING);
    assertEquals(10 + generatedBefore, readmission.prefillTokens());
  }

  @Test
  void chunkedPrefillSplitsLongPromptsAcrossStepsWhileOthersDecode() {
    VirtualClock clock = new VirtualClock(BASE.withPrefill(1_000.0, 64));
    Sequence decoding = clock.submit(1, 10);
    clock.step();
    Sequence longPrompt = clock.submit(150, 1);
    Step s1 = clock.step();
    Step s2 = clock.step();
    Step s3 = clock.step();
    assertEquals(List.of(64, 64, 22), List.of(s1.prefillTokens(), s2.prefillTokens(), s3.prefillTokens()));
    assertEquals(10 * MS + 2 * MS + 64 * MS, s1.durationNanos());
    assertEquals(10 * MS + 2 * MS + 22 * MS, s3.durationNanos());
    assertEquals(1, recording(longPrompt).tokenNanos.size(), "first token only when the whole prompt is in");
    assertEquals(clock.nowNanos, recording(longPrompt).tokenNanos.get(0));
    assertEquals(4, recording(decoding).tokenNanos.size(), "the running stream decoded in every step");
  }

  @Test
  void prefillBudgetIsSharedInArrivalOrder() {
    VirtualClock clock = new VirtualClock(BASE.withPrefill(1_000.0, 64));
    Sequence a = clock.submit(50, 1);
    Sequence b = clock.submit(50, 1);
    Step first = clock.step();
    assertEquals(64, first.prefillTokens());
    assertEquals(2, first.admitted());
    assertEquals(1, recording(a).tokenNanos.size());
    assertTrue(recording(b).tokenNanos.isEmpty(), "b got 14 of its 50 tokens");
    clock.step();
    assertEquals(1, recording(b).tokenNanos.size());
  }

  @Test
  void cancelFreesKvAndRemovesFromQueueOrBatch() {
    VirtualClock clock = new VirtualClock(BASE.withMaxNumSeqs(1));
    Sequence running = clock.submit(5, 100);
    Sequence waiting = clock.submit(5, 100);
    clock.step();
    assertTrue(clock.engine.kvReservedTokens() > 0);
    clock.engine.cancel(waiting);
    clock.engine.cancel(running);
    assertEquals(0, clock.engine.kvReservedTokens());
    assertFalse(clock.engine.hasWork());
    assertEquals(Sequence.State.CANCELLED, running.state());
    clock.engine.cancel(running); // no-op
  }

  @Test
  void invalidUseFailsWithTheRuleAndTheValue() {
    BatchEngine engine = new BatchEngine(BASE);
    IllegalStateException idle = assertThrows(IllegalStateException.class, engine::step);
    assertTrue(idle.getMessage().contains("no"), idle.getMessage());
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> engine.enqueue(new Sequence(900, 200, new VirtualClock.Recording(0))));
    assertEquals("prompt plus output tokens must be at most maxModelLen (1000), was 1100", tooLong.getMessage());
    IllegalArgumentException seqs = assertThrows(IllegalArgumentException.class, () -> BASE.withMaxNumSeqs(0));
    assertEquals("maxNumSeqs must be at least 1, was 0", seqs.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BASE.withDecodeMs(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new EngineSettings(1, 100, 200, 1, 0, 1, 1, true));
  }

  // ---- prefix caching ---------------------------------------------------------------------------------------------

  private static int[] prompt(int first, int tokens) {
    int[] ids = java.util.stream.IntStream.range(0, tokens).toArray();
    ids[0] = first;
    return ids;
  }

  @Test
  void aCachedPrefixIsNotPrefilledAgain() {
    VirtualClock clock = new VirtualClock(BASE, new PrefixCache(100, 16));
    Sequence first = clock.submit(prompt(0, 40), 2);
    Step cold = clock.step();
    assertEquals(40, cold.prefillTokens());
    assertEquals(51 * MS, recording(first).ttftNanos(), "10 + 1 ms per sequence + 40 prompt tokens at 1 ms");
    assertEquals(0, first.cachedPromptTokens());
    clock.runToIdle();

    Sequence second = clock.submit(prompt(0, 40), 2);
    Step warm = clock.step();
    assertEquals(32, second.cachedPromptTokens(), "two whole 16-token blocks of 40");
    assertEquals(8, warm.prefillTokens(), "only the rest is prefilled");
    assertEquals(19 * MS, recording(second).ttftNanos());
    clock.runToIdle();
    assertEquals(List.of(1, 2), recording(second).generated);
    assertEquals(80, clock.engine.prefixCacheQueriesTotal());
    assertEquals(32, clock.engine.prefixCacheHitsTotal());
    assertEquals(40 + 8, clock.engine.prefillTokensTotal());
  }

  @Test
  void aPromptOfWholeBlocksStillComputesItsLastToken() {
    VirtualClock clock = new VirtualClock(BASE, new PrefixCache(100, 16));
    clock.submit(prompt(0, 32), 1);
    clock.runToIdle();
    Sequence again = clock.submit(prompt(0, 32), 1);
    Step step = clock.step();
    assertEquals(16, again.cachedPromptTokens(), "the second block holds the last token: computed again");
    assertEquals(16, step.prefillTokens());
  }

  @Test
  void aDifferentFirstTokenMissesAndSequencesOfOneStepDoNotHitEachOther() {
    VirtualClock clock = new VirtualClock(BASE, new PrefixCache(100, 16));
    Sequence a = clock.submit(prompt(0, 40), 1);
    Sequence b = clock.submit(prompt(0, 40), 1);
    clock.runToIdle();
    assertEquals(0, a.cachedPromptTokens());
    assertEquals(0, b.cachedPromptTokens(), "admitted in the step that computed a's blocks");

    Sequence c = clock.submit(prompt(7, 40), 1);
    clock.runToIdle();
    assertEquals(0, c.cachedPromptTokens(), "blocks chain from the first token on");
    assertEquals(120, clock.engine.prefixCacheQueriesTotal());
    assertEquals(0, clock.engine.prefixCacheHitsTotal());
  }

  @Test
  void aDisabledCacheNeverHitsNorCounts() {
    VirtualClock clock = new VirtualClock(BASE, new PrefixCache(0, 16));
    clock.submit(prompt(0, 40), 1);
    clock.runToIdle();
    Sequence again = clock.submit(prompt(0, 40), 1);
    assertEquals(40, clock.step().prefillTokens());
    assertEquals(0, again.cachedPromptTokens());
    assertEquals(0, clock.engine.prefixCacheQueriesTotal());
  }

  @Test
  void aPreemptedSequenceRecomputesOnlyWhatIsNotCached() {
    // KV for 64 tokens: two 30-token prompts fit, their decoding overflows it and the newer one is preempted.
    EngineSettings tight = new EngineSettings(4, 64, 64, 10.0, 1.0, 1_000.0, 64, true);
    VirtualClock clock = new VirtualClock(tight, new PrefixCache(100, 16));
    Sequence older = clock.submit(prompt(1, 30), 20);
    Sequence newer = clock.submit(prompt(2, 30), 20);
    int generatedWhenPreempted = -1;
    int resumedPrefill = -1;
    while (clock.engine.hasWork()) {
      Step step = clock.step();
      if (step.preempted() > 0 && generatedWhenPreempted < 0) {
        generatedWhenPreempted = newer.generatedTokens();
      } else if (generatedWhenPreempted >= 0 && resumedPrefill < 0 && step.admitted() == 1) {
        resumedPrefill = step.prefillTokens();
      }
    }
    assertEquals(1, newer.preemptions());
    assertEquals(0, older.preemptions());
    assertEquals(0, newer.cachedPromptTokens(), "the ground truth keeps the first admission's hit");
    // Its prompt's first 16-token block was cached after its first prefill: the rest of the prompt and what it had
    // generated are recomputed.
    assertEquals(30 + generatedWhenPreempted - 16, resumedPrefill);
    assertEquals(60, clock.engine.prefixCacheQueriesTotal(), "first admissions only");
  }
}

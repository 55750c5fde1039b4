package dev.llmload.server.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A continuous-batching engine in the manner of vLLM's scheduler, reduced to what shapes latency and throughput.
 * Not thread-safe: one thread ({@link EngineLoop}, or a test driving virtual time) owns it.
 *
 * <p>Each {@link #step()}:
 *
 * <ol>
 *   <li>if the KV cache cannot hold one more token for every decoding sequence, preempts the newest running
 *       sequences (back to the head of the queue, to be recomputed) until it can;
 *   <li>gives every decoding sequence one token, and running sequences still prefilling a chunk of their prompt,
 *       oldest first, within a budget of {@code prefillChunkTokens} prompt tokens per step;
 *   <li>admits waiting sequences in FIFO order, never skipping the head, while fewer than {@code maxNumSeqs} run,
 *       the head's KV need fits and prefill budget is left (none in a step that preempted); an admitted sequence
 *       starts with the leading blocks of its prompt that the {@link PrefixCache} holds already computed, so only
 *       the rest is prefilled (and costs time);
 *   <li>a sequence whose prefill completes samples its first token in the same step, and its prompt's blocks go
 *       into the prefix cache at the step's end;
 *   <li>costs {@link EngineSettings#stepNanos} and retires finished sequences, freeing their KV.
 * </ol>
 */
public final class BatchEngine {

  private final EngineSettings settings;
  private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
  private final ArrayList<Sequence> running = new ArrayList<>();
  private final PrefixCache prefixCache;
  private final ArrayList<Sequence> prefilledInStep = new ArrayList<>();
  private final ArrayList<Sequence> firstAdmittedInStep = new ArrayList<>();
  private long prefixCacheQueriesTotal;
  private long prefixCacheHitsTotal;
  private long kvReservedTokens;
  private long preemptionsTotal;
  private long prefillTokensTotal;
  private long generatedTokensTotal;
  private long stepsTotal;

  /** An engine without prefix caching. */
  public BatchEngine(EngineSettings settings) {
    this(settings, PrefixCache.disabled());
  }

  /** An engine that owns {@code prefixCache} (no other thread may touch it). */
  public BatchEngine(EngineSettings settings, PrefixCache prefixCache) {
    this.settings = settings;
    this.prefixCache = prefixCache;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Appends a new sequence to the waiting queue. */
  public void enqueue(Sequence sequence) {
    if (sequence.state() != Sequence.State.NEW) {
      throw new IllegalArgumentException("sequence must be new to be enqueued, was " + sequence.state());
    }
    int context = sequence.promptTokens() + sequence.outputTokens();
    if (context > settings.maxModelLen()) {
      throw new IllegalArgumentException(
          "prompt plus output tokens must be at most maxModelLen (" + settings.maxModelLen() + "), was " + context);
    }
    sequence.markWaiting();
    waiting.addLast(sequence);
  }

  /** Removes a waiting or running sequence (client gone, fault) and frees its KV; no-op when already done. */
  public void cancel(Sequence sequence) {
    switch (sequence.state()) {
      case WAITING -> waiting.remove(sequence);
      case RUNNING -> {
        running.remove(sequence);
        kvReservedTokens -= sequence.reservedKvTokens();
      }
      default -> {
        return;
      }
    }
    sequence.cancel();
  }

  public boolean hasWork() {
    return !running.isEmpty() || !waiting.isEmpty();
  }

  /** Runs one step; call only when {@link #hasWork()}. */
  public Step step() {
    if (!hasWork()) {
      throw new IllegalStateException("step() needs a running or waiting sequence, there is none");
    }
    firstAdmittedInStep.clear();
    boolean preemption = settings.preemption();
    int preempted = preemption ? preemptForDecode() : 0;

    List<Emission> emissions = new ArrayList<>(running.size() + 4);
    int budget = settings.prefillChunkTokens();
    int prefillTokens = 0;
    int decodeSequences = 0;
    int batch = 0;
    for (Sequence sequence : running) {
      if (sequence.prefillDone()) {
        kvReservedTokens += sequence.decode(preemption);
        decodeSequences++;
        batch++;
        emissions.add(emission(sequence));
      } else if (budget > 0) {
        int chunk = Math.min(budget, sequence.remainingPrefillTokens());
        budget -= chunk;
        prefillTokens += chunk;
        batch++;
        if (sequence.prefill(chunk)) {
          prefilledInStep.add(sequence);
          emissions.add(emission(sequence));
        }
      }
    }

    int admitted = 0;
    while (preempted == 0 && budget > 0 && !waiting.isEmpty() && running.size() < settings.maxNumSeqs()) {
      Sequence head = waiting.peekFirst();
      int need = head.admissionKvTokens(preemption);
      if (kvReservedTokens + need > settings.kvCacheTokens()) {
        break;
      }
      waiting.removeFirst();
      if (head.preemptions() == 0) {
        firstAdmittedInStep.add(head);
      }
      head.admit(preemption, cachedTokens(head));
      kvReservedTokens += head.reservedKvTokens();
      running.add(head);
      admitted++;
      int chunk = Math.min(budget, head.remainingPrefillTokens());
      budget -= chunk;
      prefillTokens += chunk;
      batch++;
      if (head.prefill(chunk)) {
        prefilledInStep.add(head);
        emissions.add(emission(head));
      }
    }
    for (Sequence sequence : prefilledInStep) {
      prefixCache.insert(sequence.promptBlockHashes());
    }
    prefilledInStep.clear();

    for (Emission emission : emissions) {
      if (emission.finished()) {
        Sequence sequence = emission.sequence();
        running.remove(sequence);
        kvReservedTokens -= sequence.reservedKvTokens();
        sequence.finish();
      }
    }
    stepsTotal++;
    prefillTokensTotal += prefillTokens;
    generatedTokensTotal += emissions.size();
    return new Step(settings.stepNanos(batch, prefillTokens), batch, prefillTokens, decodeSequences, admitted,
        preempted, emissions);
  }

  /** Looks the sequence up in the prefix cache; counts the first admission's lookup. */
  private int cachedTokens(Sequence sequence) {
    int target = sequence.prefillTargetAtAdmission();
    int cached = sequence.promptBlockHashes().length == 0 ? 0
        : prefixCache.match(sequence.promptBlockHashes(), target);
    if (sequence.preemptions() == 0 && prefixCache.enabled()) {
      prefixCacheQueriesTotal += sequence.promptTokens();
      prefixCacheHitsTotal += cached;
    }
    return cached;
  }

  /** Preempts the newest running sequences until every decoding sequence can add one KV token. */
  private int preemptForDecode() {
    int preempted = 0;
    while (true) {
      int decoding = 0;
      for (Sequence sequence : running) {
        if (sequence.prefillDone()) {
          decoding++;
        }
      }
      if (kvReservedTokens + decoding <= settings.kvCacheTokens() || running.size() <= 1) {
        return preempted;
      }
      Sequence victim = running.remove(running.size() - 1);
      kvReservedTokens -= victim.reservedKvTokens();
      victim.preempt();
      waiting.addFirst(victim);
      preemptionsTotal++;
      preempted++;
    }
  }

  private static Emission emission(Sequence sequence) {
    return new Emission(sequence, sequence.generatedTokens(), sequence.isDone());
  }

  /** The sequences the last {@link #step()} admitted for the first time (not re-admissions after a preemption). */
  public List<Sequence> firstAdmittedInLastStep() {
    return Collections.unmodifiableList(firstAdmittedInStep);
  }

  public int runningCount() {
    return running.size();
  }

  public int waitingCount() {
    return waiting.size();
  }

  /** KV tokens held by running sequences (reserved at admission, grown by decoding). */
  public long kvReservedTokens() {
    return kvReservedTokens;
  }

  /** {@link #kvReservedTokens()} over the budget, from 0 to 1. */
  public double kvCacheUsage() {
    return (double) kvReservedTokens / settings.kvCacheTokens();
  }

  public long preemptionsTotal() {
    return preemptionsTotal;
  }

  public long prefillTokensTotal() {
    return prefillTokensTotal;
  }

  public long generatedTokensTotal() {
    return generatedTokensTotal;
  }

  /** Prompt tokens looked up in the prefix cache (first admissions only), since start. */
  public long prefixCacheQueriesTotal() {
    return prefixCacheQueriesTotal;
  }

  /** Prompt tokens found in the prefix cache (first admissions only), since start. */
  public long prefixCacheHitsTotal() {
    return prefixCacheHitsTotal;
  }

  public PrefixCache prefixCache() {
    return prefixCache;
  }

  public long stepsTotal() {
    return stepsTotal;
  }
}

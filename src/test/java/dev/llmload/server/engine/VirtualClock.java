package dev.llmload.server.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Drives a {@link BatchEngine} in virtual time, the engine tests' fake clock: each step advances the clock by the
 * step's duration and delivers the step's tokens at the new time, exactly as {@link EngineLoop} would with a
 * perfect clock. Nothing sleeps.
 */
final class VirtualClock {

  /** A sink that records the virtual time of each token it receives. */
  static final class Recording implements TokenSink {
    final long submittedNanos;
    final List<Long> tokenNanos = new ArrayList<>();
    final List<Integer> generated = new ArrayList<>();
    boolean finished;

    Recording(long submittedNanos) {
      this.submittedNanos = submittedNanos;
    }

    @Override
    public Executor executor() {
      return Runnable::run;
    }

    @Override
    public void onTokens(int generatedTokens, boolean finished, long scheduledNanos) {
      tokenNanos.add(scheduledNanos);
      generated.add(generatedTokens);
      this.finished = finished;
    }

    long ttftNanos() {
      return tokenNanos.get(0) - submittedNanos;
    }
  }

  final BatchEngine engine;
  long nowNanos;

  VirtualClock(EngineSettings settings) {
    this.engine = new BatchEngine(settings);
  }

  VirtualClock(EngineSettings settings, PrefixCache prefixCache) {
    this.engine = new BatchEngine(settings, prefixCache);
  }

  /** A sequence whose prompt is {@code promptTokenIds}, looked up in and added to the engine's prefix cache. */
  Sequence submit(int[] promptTokenIds, int outputTokens) {
    long[] blocks = PrefixCache.blockHashes(promptTokenIds, engine.prefixCache().blockTokens());
    Sequence sequence = new Sequence(promptTokenIds.length, outputTokens, blocks, new Recording(nowNanos));
    engine.enqueue(sequence);
    return sequence;
  }

  Sequence submit(int promptTokens, int outputTokens) {
    Sequence sequence = new Sequence(promptTokens, outputTokens, new Recording(nowNanos));
    engine.enqueue(sequence);
    return sequence;
  }

  static Recording recording(Sequence sequence) {
    return (Recording) sequence.sink();
  }

  /** One step: advance the clock by its duration, then deliver its tokens. */
  Step step() {
    Step step = engine.step();
    nowNanos += step.durationNanos();
    for (Emission e : step.emissions()) {
      e.sequence().sink().onTokens(e.generatedTokens(), e.finished(), nowNanos);
    }
    return step;
  }

  /** Steps until the engine is idle; returns the steps taken. */
  List<Step> runToIdle() {
    List<Step> steps = new ArrayList<>();
    while (engine.hasWork()) {
      steps.add(step());
    }
    return steps;
  }

  /** Result of {@link #closedLoop}. */
  record LoadResult(double outputTokensPerSecond, double meanTtftMillis, double meanItlMillis, long requests) {}

  /**
   * {@code concurrency} clients that each send a request as soon as their previous one finished, for
   * {@code seconds} of virtual time; statistics over requests submitted after the first {@code warmupSeconds}.
   */
  static LoadResult closedLoop(EngineSettings settings, int concurrency, int promptTokens, int outputTokens,
      double warmupSeconds, double seconds) {
    VirtualClock clock = new VirtualClock(settings);
    List<Sequence> live = new ArrayList<>();
    List<Recording> done = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      live.add(clock.submit(promptTokens, outputTokens));
    }
    long warmupNanos = (long) (warmupSeconds * 1e9);
    long endNanos = (long) (seconds * 1e9);
    long tokensInWindow = 0;
    while (clock.nowNanos < endNanos) {
      Step step = clock.step();
      if (clock.nowNanos > warmupNanos) {
        tokensInWindow += step.emissions().size();
      }
      for (Emission e : step.emissions()) {
        if (e.finished()) {
          Recording r = recording(e.sequence());
          if (r.submittedNanos >= warmupNanos) {
            done.add(r);
          }
          live.remove(e.sequence());
          live.add(clock.submit(promptTokens, outputTokens));
        }
      }
    }
    double ttft = done.stream().mapToLong(Recording::ttftNanos).average().orElse(Double.NaN) / 1e6;
    double itl = done.stream()
        .mapToDouble(r -> (r.tokenNanos.get(r.tokenNanos.size() - 1) - r.tokenNanos.get(0))
            / (double) Math.max(1, r.tokenNanos.size() - 1))
        .average().orElse(Double.NaN) / 1e6;
    return new LoadResult(tokensInWindow / (seconds - warmupSeconds), ttft, itl, done.size());
  }
}

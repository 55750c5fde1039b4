package dev.llmload.server.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that plays a {@link BatchEngine} against the real clock: it takes submitted and cancelled
 * sequences from a lock-free inbox, runs a step, parks until the step's scheduled end and then hands every token of
 * the step to its sink's executor, one task per executor. Steps follow each other back to back on a fixed
 * schedule ({@code next start = previous scheduled end}) so small wake-up delays do not accumulate; the loop
 * parks when there is no work. No thread per stream, no sleep per token.
 *
 * <p>Timed parking wakes up late by a few hundred microseconds, and by milliseconds on busy or virtualised
 * machines; so the loop parks until {@code spinNanos} before a step's end and spins ({@link Thread#onSpinWait()})
 * the rest of the way. That costs at most {@code spinNanos} of CPU per step, only while there is work.
 */
public final class EngineLoop implements AutoCloseable {

  /** A step that would start more than this behind schedule restarts the schedule from now. */
  public static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
  private static final long MAX_RECORDED_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final BatchEngine engine;
  private final long spinNanos;
  private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean idle;
  private volatile boolean closed;
  private volatile EngineStats stats = EngineStats.EMPTY;
  private long lateStepsTotal;
  private final Recorder wakeLateness = new Recorder(MAX_RECORDED_NANOS, 3);
  private final LongConsumer queueNanos;

  private record Command(Sequence sequence, boolean cancel) {}

  /**
   * Creates and starts the loop thread (a daemon named {@code threadName}), its engine without prefix caching.
   *
   * @param spinNanos how long before each step's end to stop parking and spin instead; 0 never spins
   */
  public EngineLoop(EngineSettings settings, String threadName, long spinNanos) {
    this(settings, PrefixCache.disabled(), threadName, spinNanos);
  }

  /**
   * Creates and starts the loop thread (a daemon named {@code threadName}), its engine owning {@code prefixCache}
   * (no other thread may touch it).
   *
   * @param spinNanos how long before each step's end to stop parking and spin instead; 0 never spins
   */
  public EngineLoop(EngineSettings settings, PrefixCache prefixCache, String threadName, long spinNanos) {
    this(settings, prefixCache, threadName, spinNanos, nanos -> { });
  }

  /**
   * The same, telling {@code queueNanos} each sequence's time from {@link #submit} to its first admission into the
   * batch (the start of the step that admitted it). Called on the loop thread: it must be quick and thread-safe.
   */
  public EngineLoop(EngineSettings settings, PrefixCache prefixCache, String threadName, long spinNanos,
      LongConsumer queueNanos) {
    this.queueNanos = java.util.Objects.requireNonNull(queueNanos, "queueNanos");
    if (spinNanos < 0) {
      throw new IllegalArgumentException("spinNanos must be zero or positive, was " + spinNanos);
    }
    this.spinNanos = spinNanos;
    this.engine = new BatchEngine(settings, prefixCache);
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a new sequence; thread-safe. */
  public void submit(Sequence sequence) {
    sequence.queuedAt(System.nanoTime());
    inbox.add(new Command(sequence, false));
    wake();
  }

  /** Cancels a sequence (freeing its KV before the next step); thread-safe. */
  public void cancel(Sequence sequence) {
    inbox.add(new Command(sequence, true));
    wake();
  }

  public EngineStats stats() {
    return stats;
  }

  public EngineSettings settings() {
    return engine.settings();
  }

  /**
   * How late the loop woke up after each step's scheduled end, since the previous call (nanoseconds): the part of
   * write lateness that is the OS scheduler's rather than the event loops'.
   */
  public Histogram wakeLatenessSinceLastCall() {
    return wakeLateness.getIntervalHistogram();
  }

  private void wake() {
    if (idle) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    long stepStartNanos = 0;
    boolean scheduled = false;
    while (!closed) {
      drainInbox();
      if (!engine.hasWork()) {
        publishStats();
        idle = true;
        if (inbox.isEmpty() && !closed) {
          LockSupport.park(this);
        }
        idle = false;
        scheduled = false;
        continue;
      }
      long now = System.nanoTime();
      if (!scheduled) {
        stepStartNanos = now;
        scheduled = true;
      } else if (now - stepStartNanos > MAX_LAG_NANOS) {
        lateStepsTotal++;
        stepStartNanos = now;
      }
      Step step;
      try {
        step = engine.step();
      } catch (RuntimeException e) {
        LOG.error("Simulated engine step failed; the loop stops and in-flight requests will hang", e);
        throw e;
      }
      for (Sequence admitted : engine.firstAdmittedInLastStep()) {
        queueNanos.accept(Math.max(0, stepStartNanos - admitted.queuedNanos()));
      }
      long deadlineNanos = stepStartNanos + step.durationNanos();
      publishStats();
      parkUntil(deadlineNanos);
      wakeLateness.recordValue(Math.min(MAX_RECORDED_NANOS, Math.max(0, System.nanoTime() - deadlineNanos)));
      dispatch(step, deadlineNanos);
      stepStartNanos = deadlineNanos;
    }
  }

  private void drainInbox() {
    Command command;
    while ((command = inbox.poll()) != null) {
      if (command.cancel()) {
        engine.cancel(command.sequence());
      } else if (command.sequence().state() == Sequence.State.NEW) {
        engine.enqueue(command.sequence());
      }
    }
  }

  private void parkUntil(long deadlineNanos) {
    long remaining;
    while (!closed && (remaining = deadlineNanos - System.nanoTime()) > spinNanos) {
      LockSupport.parkNanos(this, remaining - spinNanos);
    }
    while (!closed && deadlineNanos - System.nanoTime() > 0) {
      Thread.onSpinWait();
    }
  }

  private static void dispatch(Step step, long scheduledNanos) {
    List<Emission> emissions = step.emissions();
    if (emissions.isEmpty()) {
      return;
    }
    Map<Executor, List<Emission>> byExecutor = new HashMap<>(4);
    for (Emission emission : emissions) {
      byExecutor.computeIfAbsent(emission.sequence().sink().executor(), e -> new ArrayList<>()).add(emission);
    }
    for (Map.Entry<Executor, List<Emission>> entry : byExecutor.entrySet()) {
      List<Emission> batch = entry.getValue();
      try {
        entry.getKey().execute(() -> {
          for (Emission emission : batch) {
            emission.sequence().sink().onTokens(emission.generatedTokens(), emission.finished(), scheduledNanos);
          }
        });
      } catch (RejectedExecutionException e) {
        LOG.debug("Dropped {} token deliveries: their event loop is shut down", batch.size());
      }
    }
  }

  private void publishStats() {
    stats = new EngineStats(engine.runningCount(), engine.waitingCount(), engine.kvCacheUsage(),
        engine.preemptionsTotal(), engine.generatedTokensTotal(), engine.stepsTotal(), lateStepsTotal,
        engine.prefixCacheQueriesTotal(), engine.prefixCacheHitsTotal());
  }

  /** Stops the loop and waits for its thread; idempotent. Sequences still queued are dropped. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    if (Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

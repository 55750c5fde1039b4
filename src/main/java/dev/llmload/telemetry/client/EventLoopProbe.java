package dev.llmload.telemetry.client;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How long a task submitted to an event loop waits before the loop runs it - the client's scheduling delay. A loop
 * that is busy (too much work on it, a blocking call, a starved CPU) delays every callback of every request it
 * serves, and so every timestamp the client takes.
 *
 * <p>Loops are {@link Executor}s (a Netty {@code EventLoop}, e.g. Gatling's {@code session.asScala().eventLoop()},
 * is one). {@link #register} keeps each distinct loop once, by identity; a repeat registration is a scan of a
 * small copy-on-write array with no lock and no allocation, cheap enough to call for every request.
 *
 * <p>The driver (the {@link ClientProbe}'s daemon thread) calls {@link #probeLoops} every probe period: each loop
 * with no probe still waiting gets a tiny task that records {@code System.nanoTime() - submittedAt} in
 * microseconds. At most one probe waits per loop, so a stuck loop never piles up tasks; the probes it should have
 * had are added when its probe finally runs ({@link Recorder#recordValueWithExpectedInterval}, HdrHistogram's
 * coordinated-omission correction), and until then {@link #oldestWaitingNanos} tells how long it has been stuck.
 * The companion signal is the driver's own wake-up lateness ({@link #recordWakeLateness}): a thread asked to wake
 * at a time and woken later shows JVM-wide CPU starvation even when no loop is registered.
 *
 * <p>Thread-safe: {@link #register} from any thread, probes run on the loops, {@link #takeInterval} from the
 * driver.
 */
public final class EventLoopProbe {

  /** The most loops kept; further distinct loops are ignored (a client has one per core). */
  public static final int MAX_LOOPS = 1024;

  private static final long IDLE = Long.MIN_VALUE;

  private final long expectedIntervalMicros;
  private final Recorder loopDelayMicros = new Recorder(2);
  private final Recorder wakeLatenessMicros = new Recorder(2);
  private final Object registering = new Object();
  private volatile Probed[] loops = new Probed[0];

  /** @param probePeriodNanos how often {@link #probeLoops} is called; at least 1 ms */
  public EventLoopProbe(long probePeriodNanos) {
    if (probePeriodNanos < TimeUnit.MILLISECONDS.toNanos(1)) {
      throw new IllegalArgumentException("probePeriodNanos must be at least 1 ms, was " + probePeriodNanos + " ns");
    }
    this.expectedIntervalMicros = TimeUnit.NANOSECONDS.toMicros(probePeriodNanos);
  }

  /** Adds {@code loop} to the probed loops unless it is already there (identity); null is ignored. */
  public void register(Executor loop) {
    if (loop == null || indexOf(loops, loop) >= 0) {
      return;
    }
    synchronized (registering) {
      Probed[] current = loops;
      if (indexOf(current, loop) >= 0 || current.length >= MAX_LOOPS) {
        return;
      }
      Probed[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = new Probed(loop);
      loops = next;
    }
  }

  /** How many distinct loops are probed. */
  public int loopCount() {
    return loops.length;
  }

  /**
   * Submits one probe to every loop whose previous probe has run. A loop that rejects it (shut down) is dropped.
   *
   * @param nowNanos {@link System#nanoTime()} now
   */
  public void probeLoops(long nowNanos) {
    for (Probed p : loops) {
      if (p.waitingSince.compareAndSet(IDLE, nowNanos)) {
        try {
          p.loop.execute(p);
        } catch (RejectedExecutionException e) {
          unregister(p);
        }
      }
    }
  }

  /** How long the oldest probe still waiting has waited; 0 when none waits. */
  public long oldestWaitingNanos(long nowNanos) {
    long oldest = 0;
    for (Probed p : loops) {
      long since = p.waitingSince.get();
      if (since != IDLE) {
        oldest = Math.max(oldest, nowNanos - since);
      }
    }
    return oldest;
  }

  /** Records how late the driver woke from a sleep that should have ended {@code latenessNanos} earlier. */
  public void recordWakeLateness(long latenessNanos) {
    wakeLatenessMicros.recordValueWithExpectedInterval(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latenessNanos)),
        expectedIntervalMicros);
  }

  /**
   * The delays recorded since the previous call (both in microseconds), and resets them. Call from one thread.
   */
  public Interval takeInterval() {
    return new Interval(loopDelayMicros.getIntervalHistogram(), wakeLatenessMicros.getIntervalHistogram());
  }

  /** One interval's delays, in microseconds: the loops' probes, and the driver's wake-up lateness. */
  public record Interval(Histogram loopDelayMicros, Histogram wakeLatenessMicros) {
  }

  private void unregister(Probed gone) {
    synchronized (registering) {
      Probed[] current = loops;
      int i = indexOf(current, gone.loop);
      if (i < 0) {
        return;
      }
      Probed[] next = new Probed[current.length - 1];
      System.arraycopy(current, 0, next, 0, i);
      System.arraycopy(current, i + 1, next, i, current.length - i - 1);
      loops = next;
    }
  }

  private static int indexOf(Probed[] in, Executor loop) {
    for (int i = 0; i < in.length; i++) {
      if (in[i].loop == loop) {
        return i;
      }
    }
    return -1;
  }

  /** A loop and its one probe task (reused: it allocates nothing when it runs). */
  private final class Probed implements Runnable {
    final Executor loop;
    final AtomicLong waitingSince = new AtomicLong(IDLE);

    Probed(Executor loop) {
      this.loop = loop;
    }

    @Override
    public void run() {
      long since = waitingSince.get();
      if (since == IDLE) {
        return;
      }
      long delayMicros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - since));
      waitingSince.set(IDLE);
      loopDelayMicros.recordValueWithExpectedInterval(delayMicros, expectedIntervalMicros);
    }
  }
}

package dev.llmload.gatling;

import dev.llmload.gatling.internal.SseInternals;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a stream that has gone quiet: no message for {@code llm.timeouts.idle} after it started. Runs on the
 * virtual user's event loop (the same thread as the tracker), checking a few times per timeout period.
 */
final class IdleWatchdog implements Runnable {

  static final String IDLE_REASON_PREFIX = "no chunk within llm.timeouts.idle";

  private final StreamTracker tracker;
  private final Object fsm;
  private final long idleNanos;
  private final String reason;
  private ScheduledFuture<?> future;

  private IdleWatchdog(StreamTracker tracker, Object fsm, Duration idle) {
    this.tracker = tracker;
    this.fsm = fsm;
    this.idleNanos = idle.toNanos();
    this.reason = IDLE_REASON_PREFIX + " (" + idle.toMillis() + " ms)";
  }

  static void watch(StreamTracker tracker, Object fsm, EventLoop loop, Duration idle) {
    IdleWatchdog dog = new IdleWatchdog(tracker, fsm, idle);
    long periodMillis = Math.max(10, Math.min(250, idle.toMillis() / 4));
    dog.future = loop.scheduleAtFixedRate(dog, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    if (tracker.finished() || tracker.done()) {
      future.cancel(false);
      return;
    }
    if (System.nanoTime() - tracker.lastMessageNanos() > idleNanos) {
      future.cancel(false);
      SseInternals.abort(fsm, reason);
    }
  }
}

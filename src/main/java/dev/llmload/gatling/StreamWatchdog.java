package dev.llmload.gatling;

import dev.llmload.recording.StreamTracker;
import dev.llmload.gatling.internal.StreamControl;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a request that has stopped making progress: no response headers within {@code llm.timeouts.headers}
 * after the send, or no message for {@code llm.timeouts.idle} once the response has started. Started right
 * before the send with the stream's control, it runs on the virtual user's event loop (the tracker's thread) and
 * checks a few times per timeout period. {@code llm.timeouts.request} is the HTTP client's own.
 */
final class StreamWatchdog implements Runnable {

  static final String HEADERS_REASON_PREFIX = "no response headers within llm.timeouts.headers";
  static final String IDLE_REASON_PREFIX = "no chunk within llm.timeouts.idle";

  private final StreamTracker tracker;
  private final StreamControl stream;
  private final long headersNanos;
  private final long idleNanos;
  private final String headersReason;
  private final String idleReason;
  private ScheduledFuture<?> future;

  private StreamWatchdog(StreamTracker tracker, StreamControl stream, Duration headers, Duration idle) {
    this.tracker = tracker;
    this.stream = stream;
    this.headersNanos = headers.toNanos();
    this.idleNanos = idle.toNanos();
    this.headersReason = HEADERS_REASON_PREFIX + " (" + headers.toMillis() + " ms)";
    this.idleReason = IDLE_REASON_PREFIX + " (" + idle.toMillis() + " ms)";
  }

  static void watch(StreamTracker tracker, StreamControl stream, EventLoop loop, Duration headers, Duration idle) {
    StreamWatchdog dog = new StreamWatchdog(tracker, stream, headers, idle);
    long periodMillis = Math.max(10, Math.min(250, Math.min(headers.toMillis(), idle.toMillis()) / 4));
    dog.future = loop.scheduleAtFixedRate(dog, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    if (tracker.finished() || tracker.done()) {
      future.cancel(false);
      return;
    }
    long now = System.nanoTime();
    if (stream.awaitingHeaders()) {
      if (now - tracker.sendNanos() > headersNanos) {
        abort(headersReason);
      }
    } else if (now - tracker.lastMessageNanos() > idleNanos) {
      abort(idleReason);
    }
  }

  private void abort(String reason) {
    future.cancel(false);
    tracker.abort();
    stream.abort(reason);
  }
}

package dev.llmload.gatling;

import dev.llmload.recording.StreamTracker;
import dev.llmload.gatling.internal.ExchangeObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests on the wire, by {@code X-Request-Id}: routes what the HTTP client sees (connection reuse, response
 * start, a connection that failed before any response) to the request's {@link StreamTracker}. Called on the
 * request's event loop, like the tracker itself.
 */
final class OpenRequests implements ExchangeObserver {

  private final Map<String, StreamTracker> open = new ConcurrentHashMap<>();

  void add(StreamTracker tracker) {
    open.put(tracker.requestId(), tracker);
  }

  void remove(StreamTracker tracker) {
    open.remove(tracker.requestId());
  }

  @Override
  public void onWritten(String requestId, boolean reusedConnection) {
    StreamTracker t = open.get(requestId);
    if (t != null) {
      t.onConnection(reusedConnection);
    }
  }

  @Override
  public void onResponseStart(String requestId) {
    StreamTracker t = open.get(requestId);
    if (t != null) {
      t.onResponseStart();
    }
  }

  @Override
  public boolean takeResend(String requestId, Throwable failure) {
    StreamTracker t = open.get(requestId);
    return t != null && t.takeResend();
  }
}

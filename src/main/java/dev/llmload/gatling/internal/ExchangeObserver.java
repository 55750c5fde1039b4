package dev.llmload.gatling.internal;

/**
 * What {@link ObservingHttpClient} tells the measurement about each request, keyed by its {@code X-Request-Id}. Every
 * call runs on the request's event loop (the virtual user's), in wire order.
 */
public interface ExchangeObserver {

  /**
   * The request is being written on a connection.
   *
   * @param reusedConnection true when the connection had carried an earlier request (taken from the keep-alive pool)
   */
  void onWritten(String requestId, boolean reusedConnection);

  /** The status line and headers of the response arrived: the first byte the server sent back. */
  void onResponseStart(String requestId);

  /**
   * The request failed on its connection with {@code failure} before any byte of response. True when it may be sent
   * once more on a fresh connection: it was written on a reused connection that the server closed (the keep-alive
   * race) within moments of the write, and has not been re-sent yet. A yes uses the one re-send up.
   */
  boolean takeResend(String requestId, Throwable failure);
}

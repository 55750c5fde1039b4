package dev.llmload.gatling.internal;

/**
 * What a watchdog may ask of a stream on the wire. Both methods must be called on the virtual user's event loop, the
 * stream's own thread.
 */
public interface StreamControl {

  /** True while the request waits for its response's status line and headers. */
  boolean awaitingHeaders();

  /**
   * Ends the stream from the client: marks its tracker aborted (no write of the request may go out after this), closes
   * its connection and ends the request as failed with {@code reason}. Does nothing once the stream has ended.
   */
  void abort(String reason);
}

package dev.llmload.server.truth;

import java.util.Locale;

/** How the server ended a completions request, as recorded in {@link GroundTruth}. */
public enum RequestOutcome {
  /** Still queued, generating or stalled. */
  IN_PROGRESS,
  /** The full answer was written, ending with {@code [DONE]} (or the whole JSON body). */
  COMPLETED,
  /** The server closed the connection mid-answer (injected {@code cut}). */
  CUT,
  /** The server answered with an error: an injected HTTP 429/500/503 or an error event inside the stream. */
  ERRORED,
  /** The request was invalid (HTTP 400) or named an unknown model (HTTP 404). */
  REJECTED,
  /** The client closed the connection before the answer was complete. */
  CANCELLED;

  /** {@code completed}, {@code in_progress}, ... */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

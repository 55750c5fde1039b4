package dev.llmload.server.truth;

import dev.llmload.server.faults.FaultKind;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server did for one completions request. Every {@code ...Nanos} is {@code System.nanoTime()} of the server's
 * JVM (the same clock as an in-JVM client's), taken on the channel's event loop just before the bytes were handed to
 * {@code writeAndFlush}.
 *
 * @param requestId the client's {@code X-Request-Id}, or the id the server made up
 * @param model the model name as requested
 * @param stream whether the answer was streamed
 * @param receivedNanos when the complete request had been read
 * @param firstContentNanos the first content chunk's write (the whole body's, not streamed); -1 if none
 * @param lastContentNanos the last content chunk's write; -1 if none
 * @param contentWriteNanos every content chunk's write, in order (role, finish and usage chunks excluded)
 * @param promptTokens the prompt's token count, as in {@code usage}
 * @param cachedPromptTokens prompt tokens found in the prefix cache, whose prefill was skipped (whole blocks, never
 *     the last prompt token); 0 when none were, or when the request never reached the engine's prefill
 * @param completionTokens content tokens written to the client so far
 * @param outcome how it ended, or {@link RequestOutcome#IN_PROGRESS}
 * @param attempt 1 for the first request with this id, 2 for the second (a retry), ...
 * @param httpStatus the response status, 0 before the headers were sent
 * @param injectedFault the fault the server injected, if any
 */
public record RequestTruth(
    String requestId,
    String model,
    boolean stream,
    long receivedNanos,
    long firstContentNanos,
    long lastContentNanos,
    long[] contentWriteNanos,
    int promptTokens,
    int cachedPromptTokens,
    int completionTokens,
    RequestOutcome outcome,
    int attempt,
    int httpStatus,
    Optional<FaultKind> injectedFault) {

  public RequestTruth {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(injectedFault, "injectedFault");
    contentWriteNanos = contentWriteNanos.clone();
    if (contentWriteNanos.length == 0 ? firstContentNanos != -1 || lastContentNanos != -1
        : firstContentNanos != contentWriteNanos[0]
            || lastContentNanos != contentWriteNanos[contentWriteNanos.length - 1]) {
      throw new IllegalArgumentException("firstContentNanos and lastContentNanos must be the first and last of "
          + "contentWriteNanos (or -1 when it is empty), were " + firstContentNanos + " and " + lastContentNanos);
    }
    if (cachedPromptTokens < 0 || cachedPromptTokens > 0 && cachedPromptTokens >= promptTokens) {
      throw new IllegalArgumentException("cachedPromptTokens must be between 0 and promptTokens - 1 ("
          + (promptTokens - 1) + "), was " + cachedPromptTokens);
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
  }

  /** A copy: the record's array is never shared. */
  @Override
  public long[] contentWriteNanos() {
    return contentWriteNanos.clone();
  }

  /** Number of content chunks written. */
  public int contentChunks() {
    return contentWriteNanos.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestTruth t
        && requestId.equals(t.requestId) && Objects.equals(model, t.model) && stream == t.stream
        && receivedNanos == t.receivedNanos && firstContentNanos == t.firstContentNanos
        && lastContentNanos == t.lastContentNanos && Arrays.equals(contentWriteNanos, t.contentWriteNanos)
        && promptTokens == t.promptTokens && cachedPromptTokens == t.cachedPromptTokens
        && completionTokens == t.completionTokens && outcome == t.outcome
        && attempt == t.attempt && httpStatus == t.httpStatus && injectedFault.equals(t.injectedFault);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, model, stream, receivedNanos, firstContentNanos, lastContentNanos,
        Arrays.hashCode(contentWriteNanos), promptTokens, cachedPromptTokens, completionTokens, outcome, attempt, httpStatus,
        injectedFault);
  }

  @Override
  public String toString() {
    return "RequestTruth[requestId=" + requestId + ", model=" + model + ", stream=" + stream + ", receivedNanos="
        + receivedNanos + ", firstContentNanos=" + firstContentNanos + ", lastContentNanos=" + lastContentNanos
        + ", contentChunks=" + contentWriteNanos.length + ", promptTokens=" + promptTokens + ", cachedPromptTokens="
        + cachedPromptTokens + ", completionTokens=" + completionTokens + ", outcome=" + outcome + ", attempt=" + attempt + ", httpStatus=" + httpStatus
        + ", injectedFault=" + injectedFault + "]";
  }
}

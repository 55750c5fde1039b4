package dev.llmload.openai;

import dev.llmload.metrics.FailureKind;
import dev.llmload.metrics.Outcome;

/**
 * What a request's stream said, once all its messages are parsed.
 *
 * @param contentNanos arrival time of each content chunk (role-only and empty chunks excluded)
 * @param finishReason the last finish reason, or null
 * @param promptTokens from usage, -1 when none was sent
 * @param completionTokens from usage, -1 when none was sent
 * @param error the message of an error event inside the stream, or null
 * @param malformed messages that were not JSON or not a chunk we know
 * @param malformedSample the first of them, shortened
 * @param restarted true when a second opening (role-only) chunk followed content: the stream was re-sent
 * @param cachedPromptTokens the usage's {@code prompt_tokens_details.cached_tokens}, -1 when the server did not send it
 */
public record AssembledStream(
    long[] contentNanos,
    String finishReason,
    int promptTokens,
    int completionTokens,
    String error,
    int malformed,
    String malformedSample,
    boolean restarted,
    int cachedPromptTokens) {

  /**
   * The outcome of a request and, when it failed, its failure class and a sample message.
   *
   * @param failureKind null on success
   * @param errorMessage null on success
   */
  public record Classification(Outcome outcome, FailureKind failureKind, String errorMessage) {

    /** The failure class's wire name, as {@code requests.jsonl} holds it; null on success. */
    public String errorKind() {
      return failureKind == null ? null : failureKind.wireName();
    }
  }

  /**
   * Decides the outcome. A finish reason means the generation completed, even if the connection failed after it;
   * a failure before any message is an error, a failure after some is an incomplete request.
   *
   * @param messages how many messages arrived
   * @param failure what the HTTP layer reported, or null when it reported nothing
   */
  public Classification classify(int messages, TransportFailure failure) {
    if (error != null) {
      return new Classification(Outcome.ERRORED, FailureKind.ERROR_EVENT, error);
    }
    if (restarted) {
      return new Classification(Outcome.INCOMPLETE, FailureKind.STREAM_RESTARTED,
          "the stream started over after it had delivered content (the connection dropped and the request was re-sent)");
    }
    if (finishReason != null) {
      return new Classification(Outcome.SUCCESSFUL, null, null);
    }
    if (failure != null) {
      return new Classification(messages == 0 ? Outcome.ERRORED : Outcome.INCOMPLETE, failure.failureKind(), failure.message());
    }
    if (messages == 0) {
      return new Classification(Outcome.ERRORED, FailureKind.EMPTY_RESPONSE, "the response ended before any message");
    }
    if (messages == malformed) {
      return new Classification(Outcome.INCOMPLETE, FailureKind.PROTOCOL_ERROR, "no message of the stream was a chunk we understand");
    }
    return new Classification(Outcome.INCOMPLETE, FailureKind.STREAM_CUT, "the stream ended before a finish reason");
  }
}

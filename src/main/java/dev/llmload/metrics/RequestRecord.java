package dev.llmload.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything measured about one request, as raw times: microseconds since the run clock's anchor (Gatling's
 * injection start, the start of the level schedule; {@code run.json} holds it in wall-clock time). Metrics are derived from it by {@link RequestMetrics}; {@code requests.jsonl} holds exactly
 * these fields, so a report can be rebuilt from the log alone.
 *
 * @param requestId sent to the server as {@code X-Request-Id}
 * @param level index of the level the request started in
 * @param warmup true when it started in its level's warmup (logged, left out of statistics)
 * @param inFlightAtSend requests in flight when it was sent, itself included
 * @param scheduledMicros intended send time for open workloads, -1 for closed ones (send lag = send - scheduled)
 * @param sendMicros when the request was handed to the HTTP client (the first attempt: TTFT and E2E count from here)
 * @param connectionRetries 1 when the request was sent a second time, on a fresh connection, because the kept-alive
 *     connection it first went out on failed before any byte of response (the server had closed it); else 0
 * @param resendMicros when that second attempt was written, -1 when there was none
 * @param headersMicros when the response's status line and headers arrived, -1 when they did not
 * @param chunkMicros arrival time of every content chunk, in order
 * @param endMicros when the stream ended ({@code [DONE]}), failed or timed out
 * @param outcome how it ended
 * @param errorKind the wire name of the {@link FailureKind} (e.g. {@code http_error}, {@code stream_cut}), null on success;
 *     code reads it through {@link #failureKind()}
 * @param errorMessage a sample of the failure, null on success
 * @param promptTokens {@code usage.prompt_tokens}, -1 when the server sent no usage
 * @param completionTokens {@code usage.completion_tokens}, -1 when the server sent no usage
 * @param finishReason the last {@code finish_reason} seen, null when none
 * @param httpStatus the response status: 200 once a stream arrived, the error status when one was received, -1 when
 *     no response came (refused, timed out before headers)
 * @param malformedChunks messages that were not a chunk we understand
 * @param malformedSample the first of them (shortened), null when none
 * @param endpoint base URL the request went to
 * @param labels free-form labels of the request (e.g. {@code promptSet}, a probe's {@code step}); empty when none
 * @param cachedPromptTokens {@code usage.prompt_tokens_details.cached_tokens}: prompt tokens the server answered from its
 *     prefix cache; -1 when the server did not say (no usage, or usage without it - vLLM sends it only with
 *     {@code --enable-prompt-tokens-details}); lines written before it was recorded read as -1
 * @param requestedInputTokens the input length asked for: the whole prompt as the server should count it in {@code
 *     usage.prompt_tokens}; -1 when none was asked for (0, as a line written before the field existed reads, is -1)
 * @param requestedOutputTokens the output length asked to be generated exactly (max_tokens with ignore_eos or
 *     min_tokens); -1 when none (max_tokens only a cap), and 0 reads as -1 too
 * @param outputChars characters (Unicode code points) of the reply's text as it arrived - choice 0's content deltas
 *     joined ({@link OutputText}); -1 when unknown (lines written before it was recorded)
 * @param outputWords words of that text ({@link OutputText}); -1 when unknown
 * @param outputDistinctWords distinct words of that text, case ignored; -1 when unknown
 */
public record RequestRecord(
    String requestId,
    int level,
    boolean warmup,
    int inFlightAtSend,
    long scheduledMicros,
    long sendMicros,
    int connectionRetries,
    long resendMicros,
    long headersMicros,
    long[] chunkMicros,
    long endMicros,
    Outcome outcome,
    String errorKind,
    String errorMessage,
    int promptTokens,
    int completionTokens,
    String finishReason,
    int httpStatus,
    int malformedChunks,
    String malformedSample,
    String endpoint,
    java.util.Map<String, String> labels,
    int cachedPromptTokens,
    int requestedInputTokens,
    int requestedOutputTokens,
    int outputChars,
    int outputWords,
    int outputDistinctWords) {

  /** A request whose reply text was not counted. */
  public RequestRecord(String requestId, int level, boolean warmup, int inFlightAtSend, long scheduledMicros, long sendMicros,
      int connectionRetries, long resendMicros, long headersMicros, long[] chunkMicros, long endMicros, Outcome outcome, String errorKind,
      String errorMessage, int promptTokens, int completionTokens, String finishReason, int httpStatus, int malformedChunks,
      String malformedSample, String endpoint, java.util.Map<String, String> labels, int cachedPromptTokens, int requestedInputTokens,
      int requestedOutputTokens) {
    this(requestId, level, warmup, inFlightAtSend, scheduledMicros, sendMicros, connectionRetries, resendMicros, headersMicros, chunkMicros,
        endMicros, outcome, errorKind, errorMessage, promptTokens, completionTokens, finishReason, httpStatus, malformedChunks,
        malformedSample, endpoint, labels, cachedPromptTokens, requestedInputTokens, requestedOutputTokens, -1, -1, -1);
  }

  /** A request that asked for no length, its cached tokens unknown. */
  public RequestRecord(String requestId, int level, boolean warmup, int inFlightAtSend, long scheduledMicros, long sendMicros,
      int connectionRetries, long resendMicros, long headersMicros, long[] chunkMicros, long endMicros, Outcome outcome, String errorKind,
      String errorMessage, int promptTokens, int completionTokens, String finishReason, int httpStatus, int malformedChunks,
      String malformedSample, String endpoint, java.util.Map<String, String> labels) {
    this(requestId, level, warmup, inFlightAtSend, scheduledMicros, sendMicros, connectionRetries, resendMicros, headersMicros, chunkMicros,
        endMicros, outcome, errorKind, errorMessage, promptTokens, completionTokens, finishReason, httpStatus, malformedChunks,
        malformedSample, endpoint, labels, -1, -1, -1);
  }

  /** A request that asked for no length. */
  public RequestRecord(String requestId, int level, boolean warmup, int inFlightAtSend, long scheduledMicros, long sendMicros,
      int connectionRetries, long resendMicros, long headersMicros, long[] chunkMicros, long endMicros, Outcome outcome, String errorKind,
      String errorMessage, int promptTokens, int completionTokens, String finishReason, int httpStatus, int malformedChunks,
      String malformedSample, String endpoint, java.util.Map<String, String> labels, int cachedPromptTokens) {
    this(requestId, level, warmup, inFlightAtSend, scheduledMicros, sendMicros, connectionRetries, resendMicros, headersMicros, chunkMicros,
        endMicros, outcome, errorKind, errorMessage, promptTokens, completionTokens, finishReason, httpStatus, malformedChunks,
        malformedSample, endpoint, labels, cachedPromptTokens, -1, -1);
  }

  /** A request whose cached tokens are unknown. */
  public RequestRecord(String requestId, int level, boolean warmup, int inFlightAtSend, long scheduledMicros, long sendMicros,
      int connectionRetries, long resendMicros, long headersMicros, long[] chunkMicros, long endMicros, Outcome outcome, String errorKind,
      String errorMessage, int promptTokens, int completionTokens, String finishReason, int httpStatus, int malformedChunks,
      String malformedSample, String endpoint, java.util.Map<String, String> labels, int requestedInputTokens,
      int requestedOutputTokens) {
    this(requestId, level, warmup, inFlightAtSend, scheduledMicros, sendMicros, connectionRetries, resendMicros, headersMicros, chunkMicros,
        endMicros, outcome, errorKind, errorMessage, promptTokens, completionTokens, finishReason, httpStatus, malformedChunks,
        malformedSample, endpoint, labels, -1, requestedInputTokens, requestedOutputTokens);
  }

  public RequestRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(chunkMicros, "chunkMicros");
    Objects.requireNonNull(outcome, "outcome");
    labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
    requestedInputTokens = requestedInputTokens <= 0 ? -1 : requestedInputTokens;
    requestedOutputTokens = requestedOutputTokens <= 0 ? -1 : requestedOutputTokens;
    if (level < 0) {
      throw new IllegalArgumentException("level must be at least 0, was " + level);
    }
    if (connectionRetries < 0 || connectionRetries > 1) {
      throw new IllegalArgumentException("connectionRetries must be 0 or 1, was " + connectionRetries);
    }
    if (connectionRetries == 0) {
      resendMicros = -1; // also what a line written before re-sends existed reads as
    } else if (resendMicros < sendMicros) {
      throw new IllegalArgumentException("resendMicros must not be before sendMicros when the request was re-sent, was " + resendMicros);
    }
    if (endMicros < sendMicros) {
      throw new IllegalArgumentException("endMicros must not be before sendMicros, was " + endMicros + " < " + sendMicros);
    }
    for (int i = 1; i < chunkMicros.length; i++) {
      if (chunkMicros[i] < chunkMicros[i - 1]) {
        throw new IllegalArgumentException("chunkMicros must be in arrival order, chunk " + i + " is earlier than chunk " + (i - 1));
      }
    }
    if (cachedPromptTokens < -1) {
      throw new IllegalArgumentException("cachedPromptTokens must be -1 (unknown) or at least 0, was " + cachedPromptTokens);
    }
    if (outputChars < -1 || outputWords < -1 || outputDistinctWords < -1) {
      throw new IllegalArgumentException("outputChars, outputWords and outputDistinctWords must be -1 (unknown) or at least 0, were "
          + outputChars + ", " + outputWords + ", " + outputDistinctWords);
    }
    if (outputDistinctWords > outputWords) {
      throw new IllegalArgumentException("outputDistinctWords must not exceed outputWords, was " + outputDistinctWords + " > " + outputWords);
    }
  }

  /**
   * The failure class of a request that did not succeed; empty on success. A name this version does not know (a log
   * written by another version), or none, reads as {@link FailureKind#UNKNOWN}.
   */
  public Optional<FailureKind> failureKind() {
    return outcome == Outcome.SUCCESSFUL ? Optional.empty() : Optional.of(FailureKind.read(errorKind));
  }

  public boolean hasUsage() {
    return completionTokens >= 0;
  }

  /** True when the reply's text was counted ({@link #outputChars}, {@link #outputWords}, {@link #outputDistinctWords}). */
  public boolean hasOutputText() {
    return outputChars >= 0 && outputWords >= 0 && outputDistinctWords >= 0;
  }

  /** True when the server said how many prompt tokens came from its prefix cache ({@link #cachedPromptTokens}). */
  public boolean hasCachedPromptTokens() {
    return cachedPromptTokens >= 0;
  }
}

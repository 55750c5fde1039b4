package dev.llmload.openai;

/**
 * What one streamed message means to the measurement. A message may carry content and a finish reason at once
 * (some servers put the last token and {@code finish_reason} in one chunk), and any message may carry usage.
 *
 * @param contentChunk true when it carries generated text (content, reasoning or a tool-call delta); a
 *     role-only or empty delta is not content
 * @param roleOnly true for the opening chunk that carries only {@code delta.role}
 * @param finishReason the {@code finish_reason}, or null
 * @param promptTokens {@code usage.prompt_tokens}, or -1 when the message has no usage
 * @param completionTokens {@code usage.completion_tokens}, or -1
 * @param error the server's error message when the message is an error event, else null
 * @param malformed true when the message is not JSON or not a chunk shape we know
 * @param cachedPromptTokens {@code usage.prompt_tokens_details.cached_tokens}: prompt tokens the server answered from its
 *     prefix cache; -1 when the message has no usage or the usage does not say (absent is unknown, not 0)
 */
public record StreamEvent(
    boolean contentChunk,
    boolean roleOnly,
    String finishReason,
    int promptTokens,
    int completionTokens,
    String error,
    boolean malformed,
    int cachedPromptTokens) {

  static StreamEvent malformedEvent() {
    return new StreamEvent(false, false, null, -1, -1, null, true, -1);
  }

  static StreamEvent errorEvent(String message) {
    return new StreamEvent(false, false, null, -1, -1, message, false, -1);
  }

  public boolean hasUsage() {
    return completionTokens >= 0;
  }
}

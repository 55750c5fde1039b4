package dev.llmload.server.http;

import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.text.PromptTokenizer;
import java.util.Optional;

/**
 * A validated {@code /v1/chat/completions} or {@code /v1/completions} request, reduced to what the simulator uses.
 *
 * @param kind chat or text completions
 * @param model the model name as requested (one the server serves, or a {@code fault/...} name)
 * @param stream SSE or one JSON body
 * @param includeUsage {@code stream_options.include_usage}
 * @param promptTokenIds the prompt's token ids by {@link PromptTokenizer}, in order (BOS and chat template included)
 * @param maxTokens the output cap: {@code max_completion_tokens}, else {@code max_tokens}, else what is left of the
 *     context
 * @param minTokens {@code min_tokens}, 0 when absent
 * @param ignoreEos {@code ignore_eos}: generate exactly {@code maxTokens}
 * @param textSeed a hash of the prompt, seeds the generated words
 * @param requestedFault a fault asked for by a {@code fault/...} model name
 */
record CompletionRequest(
    Kind kind,
    String model,
    boolean stream,
    boolean includeUsage,
    int[] promptTokenIds,
    int maxTokens,
    int minTokens,
    boolean ignoreEos,
    long textSeed,
    Optional<FaultRule> requestedFault) {

  /** Which endpoint. */
  enum Kind {
    CHAT("chatcmpl-", "chat.completion.chunk", "chat.completion"),
    TEXT("cmpl-", "text_completion", "text_completion");

    final String idPrefix;
    final String chunkObject;
    final String responseObject;

    Kind(String idPrefix, String chunkObject, String responseObject) {
      this.idPrefix = idPrefix;
      this.chunkObject = chunkObject;
      this.responseObject = responseObject;
    }
  }

  CompletionRequest {
    if (promptTokenIds.length < 1) {
      throw new IllegalArgumentException("promptTokenIds must hold at least 1 token, was empty");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
    }
    if (minTokens < 0 || minTokens > maxTokens) {
      throw new IllegalArgumentException("minTokens must be between 0 and maxTokens (" + maxTokens + "), was "
          + minTokens);
    }
  }

  /** The prompt's length in tokens, as {@code usage.prompt_tokens} reports it. */
  int promptTokens() {
    return promptTokenIds.length;
  }
}

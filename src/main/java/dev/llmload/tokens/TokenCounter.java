package dev.llmload.tokens;

import dev.llmload.config.Api;
import java.util.OptionalInt;

/**
 * Counts tokens the way a model's tokenizer does, so a prompt can be composed to a requested length. Used before any
 * load only, a bounded number of times: a counter backed by the server sends one HTTP request per call. Thread-safe.
 */
public interface TokenCounter {

  /** Tokens of raw text, without the special tokens (BOS) a server adds to a whole prompt. */
  int count(String text);

  /** Where the counts come from, for the console and the summary, e.g. {@code the server's tokenizer (POST ...)}. */
  String source();

  /**
   * Tokens of a whole prompt whose only content is {@code text} - for chat one user message through the model's chat
   * template, for completions the prompt with its special tokens - as the server counts {@code usage.prompt_tokens};
   * empty when this counter cannot tell (an estimate knows no template).
   */
  default OptionalInt promptTokens(Api api, String text) {
    return OptionalInt.empty();
  }

  /** The requests this counter sent so far (0 for one that counts locally). */
  default int calls() {
    return 0;
  }
}

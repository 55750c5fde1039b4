package dev.llmload.workload;

import dev.llmload.config.Api;
import dev.llmload.tokens.TokenCounter;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A prompt set ({@code llm.request.promptSet}): the same text as every request's prompt, labelled {@code
 * promptSet=<name>}. Its length is asked for: counted once before any load as the server counts {@code
 * usage.prompt_tokens} (the chat template included when the run's tokenizer knows it; the estimate counts the text
 * only), so the report can set what was sent against what the server counted.
 */
public final class PromptSetSource implements RequestSource {

  private final String name;
  private final String text;
  private volatile PlannedRequest request;

  public PromptSetSource(String name, String text) {
    this.name = name;
    this.text = text;
    this.request = new PlannedRequest(text, Map.of("promptSet", name));
  }

  @Override
  public void prepare(Preparation preparation) {
    TokenCounter tokens = preparation.tokenCounter();
    Api api = preparation.api();
    OptionalInt whole = tokens.promptTokens(api, text);
    int length = whole.isPresent() ? whole.getAsInt() : tokens.count(text);
    preparation.calibrated("prompt set " + name + ": " + length + " tokens" + (whole.isPresent()
        ? " as the server counts the whole prompt" : " of text (the " + (api == Api.CHAT ? "chat template" : "prompt's special tokens")
        + " not known to the estimate)"));
    request = request.withInputTokens(length);
  }

  @Override
  public PlannedRequest next(LoadLevel level) {
    return request;
  }
}

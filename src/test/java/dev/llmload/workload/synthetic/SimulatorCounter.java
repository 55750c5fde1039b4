package dev.llmload.workload.synthetic;

import dev.llmload.config.Api;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.tokens.TokenCounter;
import java.util.List;
import java.util.OptionalInt;

/** The simulator's tokenizer as a local counter (what its {@code /tokenize} answers, without the HTTP), counting calls. */
final class SimulatorCounter implements TokenCounter {

  int calls;

  @Override
  public int count(String text) {
    calls++;
    return PromptTokenizer.count(text);
  }

  @Override
  public OptionalInt promptTokens(Api api, String text) {
    calls++;
    return OptionalInt.of(api == Api.CHAT ? PromptTokenizer.chatPromptTokens(List.of(text)) : PromptTokenizer.completionPromptTokens(text));
  }

  @Override
  public String source() {
    return "the simulator's tokenizer";
  }

  @Override
  public int calls() {
    return calls;
  }
}

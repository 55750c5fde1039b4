package dev.llmload.tokens;

import dev.llmload.config.Secret;
import dev.llmload.config.TlsSettings;
import dev.llmload.config.TokenizerChoice;
import dev.llmload.openai.TargetException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Chooses the run's {@link TokenCounter} once, before any load, as {@code llm.request.tokenizer} says: {@code auto}
 * tries the server's tokenizer and falls back to the estimate, {@code server} insists on the server's, {@code
 * estimate} never asks the server. Says on the console which one counts and why.
 */
public final class TokenCounters {

  /** Each request to the server's tokenizer may take this long (it answers in milliseconds on a healthy server). */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private TokenCounters() {}

  /**
   * @param baseUrl the target's OpenAI API root
   * @param model the model whose tokenizer counts
   * @param console receives the one line saying which counter is used and why
   * @throws TargetException when {@code server} is asked for and the server has no tokenizer
   */
  public static TokenCounter choose(TokenizerChoice choice, URI baseUrl, String model, Optional<Secret> apiKey, TlsSettings tls,
      Consumer<String> console) {
    TokenCounter counter;
    if (choice == TokenizerChoice.ESTIMATE) {
      counter = new EstimatedTokenCounter("llm.request.tokenizer = estimate");
    } else {
      ServerTokenizer.Detection detection = ServerTokenizer.detect(baseUrl, model, apiKey, tls, TIMEOUT);
      if (detection.found().isPresent()) {
        counter = detection.tokenizer();
      } else if (choice == TokenizerChoice.SERVER) {
        throw new TargetException("llm.request.tokenizer = server, but the server has no tokenizer this client knows: "
            + detection.reason() + "; set llm.request.tokenizer = auto or estimate.");
      } else {
        counter = new EstimatedTokenCounter("the server has no /tokenize this client knows: " + detection.reason());
      }
    }
    console.accept("token counts: " + counter.source());
    return counter;
  }
}

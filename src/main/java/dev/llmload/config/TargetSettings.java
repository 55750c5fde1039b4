package dev.llmload.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The server under test. An empty {@link #baseUrl()} means: start the embedded simulated server.
 *
 * @param baseUrl OpenAI-compatible base URL ending in the API root, e.g. {@code http://127.0.0.1:8000/v1}
 * @param model model to request; empty means the first one {@code GET /models} lists
 * @param api chat or completions
 * @param apiKey bearer token, from the environment only
 * @param tls how an https target's certificate is checked
 */
public record TargetSettings(Optional<URI> baseUrl, Optional<String> model, Api api, Optional<Secret> apiKey, TlsSettings tls) {

  public TargetSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(tls, "tls");
  }

  public boolean embedded() {
    return baseUrl.isEmpty();
  }
}

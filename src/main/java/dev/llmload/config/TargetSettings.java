package dev.llmload.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server under test. An empty {@link #baseUrl()} means: start the embedded simulated server.
 *
 * @param baseUrl OpenAI-compatible base URL ending in the API root, e.g. {@code http://127.0.0.1:8000/v1}; with
 *     several replicas, the first of {@code baseUrls}
 * @param model model to request; empty means the first one {@code GET /models} lists
 * @param api chat or completions
 * @param apiKey bearer token, from the environment only
 * @param tls how an https target's certificate is checked
 * @param baseUrls every base URL of the model (replicas), in order: one when a single {@code baseUrl} is set, none
 *     when the embedded server is started
 * @param balancing how each request picks one of {@code baseUrls}
 * @param name what the user calls this target ({@code llm.target.name}, e.g. {@code llama-8b-vllm}): it names the run
 *     folder and the run in comparisons; empty when not named
 */
public record TargetSettings(Optional<URI> baseUrl, Optional<String> model, Api api, Optional<Secret> apiKey, TlsSettings tls,
    List<URI> baseUrls, Balancing balancing, Optional<String> name) {

  /** A target without a name. */
  public TargetSettings(Optional<URI> baseUrl, Optional<String> model, Api api, Optional<Secret> apiKey, TlsSettings tls,
      List<URI> baseUrls, Balancing balancing) {
    this(baseUrl, model, api, apiKey, tls, baseUrls, balancing, Optional.empty());
  }

  /** One base URL (or none: the embedded server), round-robin. */
  public TargetSettings(Optional<URI> baseUrl, Optional<String> model, Api api, Optional<Secret> apiKey, TlsSettings tls) {
    this(baseUrl, model, api, apiKey, tls, baseUrl.stream().toList(), Balancing.ROUND_ROBIN);
  }

  public TargetSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(balancing, "balancing");
    Objects.requireNonNull(name, "name");
    baseUrls = List.copyOf(baseUrls);
    if (baseUrl.isPresent() ? baseUrls.isEmpty() || !baseUrls.get(0).equals(baseUrl.get()) : !baseUrls.isEmpty()) {
      throw new IllegalArgumentException("baseUrl must be the first of baseUrls, was " + baseUrl + " and " + baseUrls);
    }
  }

  public boolean embedded() {
    return baseUrl.isEmpty();
  }

  /** True when requests are spread over several base URLs of the model. */
  public boolean replicated() {
    return baseUrls.size() > 1;
  }
}

package dev.llmload.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.config.Secret;
import dev.llmload.config.TlsSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code GET <baseUrl>/models}: which models the target serves. Failures become one user-facing sentence. */
public final class ModelCatalog {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelCatalog() {}

  /** The model ids the server lists, in its order (plain http, or https checked against the JDK's CAs). */
  public static List<String> fetch(URI baseUrl, Optional<Secret> apiKey, Duration timeout) {
    return fetch(baseUrl, apiKey, TlsSettings.defaults(), timeout);
  }

  /** The model ids the server lists, in its order; an https certificate is checked as {@code tls} says. */
  public static List<String> fetch(URI baseUrl, Optional<Secret> apiKey, TlsSettings tls, Duration timeout) {
    URI uri = URI.create(baseUrl + "/models");
    HttpClient client = TlsClients.client(tls, timeout);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k.reveal()));
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw new TargetException("Cannot reach " + uri + ": no connection within " + timeout.toSeconds()
          + " s. Check llm.target.baseUrl and that the server is up.");
    } catch (HttpTimeoutException e) {
      throw new TargetException("Cannot reach " + uri + ": no answer within " + timeout.toSeconds() + " s.");
    } catch (ConnectException e) {
      throw new TargetException("Cannot reach " + uri + ": connection refused. Check llm.target.baseUrl and that the server is up.");
    } catch (IOException e) {
      if (TlsClients.untrustedCertificate(e)) {
        throw new TargetException(untrusted(uri));
      }
      throw new TargetException("Cannot reach " + uri + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()) + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("Interrupted while asking " + uri + " for its models.");
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new TargetException(uri + " answered HTTP " + status + ": the server wants an API key. Set LLM_API_KEY (or OPENAI_API_KEY)"
          + (apiKey.isPresent() ? "; the key from " + apiKey.get().source() + " was refused." : "."));
    }
    if (status / 100 != 2) {
      throw new TargetException(uri + " answered HTTP " + status + " instead of a model list: is llm.target.baseUrl the API root "
          + "(usually ending in /v1)?");
    }
    try {
      JsonNode data = MAPPER.readTree(response.body()).path("data");
      List<String> ids = new ArrayList<>();
      for (JsonNode model : data) {
        ids.add(model.path("id").asText());
      }
      return ids;
    } catch (IOException e) {
      throw new TargetException(uri + " did not answer with a JSON model list: is llm.target.baseUrl an OpenAI-compatible API root?");
    }
  }

  static String untrusted(URI uri) {
    return "The certificate of " + uri.getHost() + " is not trusted: set llm.target.trustStore to a trust store holding it or its CA"
        + " (or llm.target.insecureTls=true for a lab server).";
  }

  /** The configured model if the server lists it, else the first one listed. */
  public static String choose(Optional<String> configured, List<String> served, URI baseUrl) {
    if (served.isEmpty()) {
      return configured.orElseThrow(() -> new TargetException(baseUrl + "/models lists no model: set llm.target.model."));
    }
    if (configured.isEmpty()) {
      return served.get(0);
    }
    if (!served.contains(configured.get())) {
      throw new TargetException("Model \"" + configured.get() + "\" is not served by " + baseUrl + "; it offers: "
          + String.join(", ", served) + ". Set llm.target.model to one of them.");
    }
    return configured.get();
  }
}

package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmload.config.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelCatalog#fetch} against a JDK HTTP server on 127.0.0.1, port 0. Each context stands for one kind of
 * server: {@code /ok/v1} lists models, {@code /auth/v1} wants a key, {@code /html/v1} is not an API; any other path
 * answers 404 (the JDK server's default).
 */
class ModelCatalogTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String MODELS = "{\"object\":\"list\",\"data\":["
      + "{\"id\":\"Qwen/Qwen2.5-0.5B-Instruct\",\"object\":\"model\",\"owned_by\":\"vllm\"},"
      + "{\"id\":\"meta-llama/Llama-3.1-8B-Instruct\",\"object\":\"model\",\"owned_by\":\"vllm\"}]}";

  private HttpServer server;
  private final AtomicReference<String> authorization = new AtomicReference<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok/v1/models", ex -> {
      authorization.set(ex.getRequestHeaders().getFirst("Authorization"));
      respond(ex, 200, MODELS);
    });
    server.createContext("/auth/v1/models", ex -> respond(ex, 401, "{\"error\":{\"message\":\"Unauthorized\"}}"));
    server.createContext("/html/v1/models", ex -> respond(ex, 200, "<html><body>It works!</body></html>"));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private URI base(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void listsModelIdsInTheServersOrder() {
    assertEquals(List.of("Qwen/Qwen2.5-0.5B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"),
        ModelCatalog.fetch(base("/ok/v1"), Optional.empty(), TIMEOUT));
    assertEquals(null, authorization.get(), "no key configured, no Authorization header");
  }

  @Test
  void sendsTheApiKeyAsBearerToken() {
    ModelCatalog.fetch(base("/ok/v1"), Optional.of(new Secret("sk-test-123", "env LLM_API_KEY")), TIMEOUT);
    assertEquals("Bearer sk-test-123", authorization.get());
  }

  @Test
  void unauthorizedNamesTheEnvironmentVariable() {
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.fetch(base("/auth/v1"), Optional.empty(), TIMEOUT));
    assertEquals(base("/auth/v1") + "/models answered HTTP 401: the server wants an API key. Set LLM_API_KEY (or OPENAI_API_KEY).",
        e.getMessage());
  }

  @Test
  void refusedKeyNamesWhereItCameFromButNotItsValue() {
    TargetException e = assertThrows(TargetException.class,
        () -> ModelCatalog.fetch(base("/auth/v1"), Optional.of(new Secret("sk-secret-value", "env OPENAI_API_KEY")), TIMEOUT));
    assertTrue(e.getMessage().contains("LLM_API_KEY"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the key from env OPENAI_API_KEY was refused."), e.getMessage());
    assertFalse(e.getMessage().contains("sk-secret-value"), e.getMessage());
  }

  @Test
  void notFoundSuggestsTheV1Root() {
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.fetch(base("/ok"), Optional.empty(), TIMEOUT));
    assertEquals(base("/ok") + "/models answered HTTP 404 instead of a model list: is llm.target.baseUrl the API root (usually ending in /v1)?",
        e.getMessage());
  }

  @Test
  void nonJsonAnswerIsNotAModelList() {
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.fetch(base("/html/v1"), Optional.empty(), TIMEOUT));
    assertEquals(base("/html/v1") + "/models did not answer with a JSON model list: is llm.target.baseUrl an OpenAI-compatible API root?",
        e.getMessage());
  }

  @Test
  void closedPortIsConnectionRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/v1");
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.fetch(closed, Optional.empty(), TIMEOUT));
    assertEquals("Cannot reach " + closed + "/models: connection refused. Check llm.target.baseUrl and that the server is up.",
        e.getMessage());
  }

  // ---- choose ----

  private static final URI BASE = URI.create("http://10.0.0.5:8000/v1");

  @Test
  void chooseTakesTheConfiguredModelWhenServed() {
    assertEquals("b", ModelCatalog.choose(Optional.of("b"), List.of("a", "b"), BASE));
  }

  @Test
  void chooseTakesTheFirstServedModelWhenNoneIsConfigured() {
    assertEquals("a", ModelCatalog.choose(Optional.empty(), List.of("a", "b"), BASE));
  }

  @Test
  void chooseUnknownModelListsTheOfferedOnes() {
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.choose(Optional.of("gpt-4"), List.of("a", "b"), BASE));
    assertEquals("Model \"gpt-4\" is not served by http://10.0.0.5:8000/v1; it offers: a, b. Set llm.target.model to one of them.",
        e.getMessage());
  }

  @Test
  void chooseWithAnEmptyListKeepsTheConfiguredModelOrAsksForOne() {
    assertEquals("x", ModelCatalog.choose(Optional.of("x"), List.of(), BASE));
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.choose(Optional.empty(), List.of(), BASE));
    assertEquals("http://10.0.0.5:8000/v1/models lists no model: set llm.target.model.", e.getMessage());
  }
}

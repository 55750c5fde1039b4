package dev.llmload.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.config.Api;
import dev.llmload.config.Secret;
import dev.llmload.config.TlsSettings;
import dev.llmload.openai.TargetException;
import dev.llmload.openai.TlsClients;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own tokenizer, through {@code POST /tokenize} at the server's root (the base URL without its
 * {@code /v1}, where vLLM, llama.cpp and the embedded simulator serve it; the base URL itself is tried second). Two
 * shapes, learned by {@link #detect}:
 * <ul>
 *   <li><b>vLLM</b> (and the simulator): <code>{"model", "prompt"}</code> answers <code>{"count", "max_model_len",
 *       "tokens"}</code>. vLLM adds the model's special tokens (BOS) to a prompt unless {@code add_special_tokens} is
 *       false, which {@link #count} sends; a server that adds them all the same is caught once, by counting the empty
 *       text, and that many tokens are taken off every count. <code>{"model", "messages"}</code> counts a chat prompt
 *       through the model's chat template.
 *   <li><b>llama.cpp</b>: <code>{"content"}</code> answers <code>{"tokens": [...]}</code>, special tokens only with
 *       {@code add_special}; a chat prompt is the text {@code POST /apply-template} makes of the messages.
 * </ul>
 * Every call is one HTTP request; a failure after detection ends the run before any load with one sentence.
 */
public final class ServerTokenizer implements TokenCounter {

  /** The request and answer shapes of a server's {@code /tokenize}. */
  public enum Shape {
    VLLM("vLLM"),
    LLAMA_CPP("llama.cpp");

    private final String label;

    Shape(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * What {@link #detect} found: the tokenizer, or why there is none.
   *
   * @param tokenizer null when none was found
   * @param reason why none was found (each place tried and its answer), null when one was
   */
  public record Detection(ServerTokenizer tokenizer, String reason) {
    public Optional<ServerTokenizer> found() {
      return Optional.ofNullable(tokenizer);
    }
  }

  /** The text detection tokenizes. */
  static final String PROBE_TEXT = "Count the tokens of this sentence, please.";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SAMPLE_CHARS = 200;

  private final Http http;
  private final URI uri;
  private final String model;
  private final Shape shape;
  private final int specialTokensAdded;
  private volatile boolean noTemplateEndpoint;

  private ServerTokenizer(Http http, URI uri, String model, Shape shape, int specialTokensAdded) {
    this.http = http;
    this.uri = uri;
    this.model = model;
    this.shape = shape;
    this.specialTokensAdded = specialTokensAdded;
  }

  /**
   * Looks for the server's tokenizer: at most two places, two shapes each, and one more request to learn whether
   * the server adds special tokens it was asked not to.
   *
   * @param baseUrl the OpenAI API root, e.g. {@code http://127.0.0.1:8000/v1}
   * @param model the model whose tokenizer to use (vLLM's shape names it)
   */
  public static Detection detect(URI baseUrl, String model, Optional<Secret> apiKey, TlsSettings tls, Duration timeout) {
    Http http = new Http(TlsClients.client(tls, timeout), apiKey, timeout);
    List<String> tried = new ArrayList<>();
    for (URI candidate : candidates(baseUrl)) {
      Answer vllm;
      try {
        vllm = http.post(candidate, vllmText(model, PROBE_TEXT, false));
      } catch (IOException e) {
        tried.add("POST " + candidate + " failed: " + describe(e));
        break; // the same server: the next place would fail alike
      }
      if (vllm.status() == 404 || vllm.status() == 405) {
        tried.add("POST " + candidate + " answered HTTP " + vllm.status());
        continue;
      }
      if (vllm.ok() && vllm.json().path("count").isInt() && vllm.json().path("tokens").isArray()) {
        return new Detection(new ServerTokenizer(http, candidate, model, Shape.VLLM, specialTokensOfEmptyText(http, candidate, model)), null);
      }
      Answer llama;
      try {
        llama = http.post(candidate, llamaText(PROBE_TEXT, false));
      } catch (IOException e) {
        tried.add("POST " + candidate + " failed: " + describe(e));
        break;
      }
      if (llama.ok() && !llama.json().has("count") && llama.json().path("tokens").isArray() && !llama.json().path("tokens").isEmpty()) {
        return new Detection(new ServerTokenizer(http, candidate, model, Shape.LLAMA_CPP, 0), null);
      }
      tried.add("POST " + candidate + " answered neither vLLM's nor llama.cpp's shape (HTTP " + vllm.status() + ": " + vllm.sample() + ")");
    }
    return new Detection(null, String.join("; ", tried));
  }

  /** {@code <root>/tokenize} (the base URL without a trailing {@code /v1}), then {@code <baseUrl>/tokenize}. */
  static List<URI> candidates(URI baseUrl) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    List<URI> out = new ArrayList<>();
    if (base.endsWith("/v1")) {
      out.add(URI.create(base.substring(0, base.length() - 3) + "/tokenize"));
    }
    out.add(URI.create(base + "/tokenize"));
    return out;
  }

  public Shape shape() {
    return shape;
  }

  /** Where the tokenizer answers. */
  public URI uri() {
    return uri;
  }

  /** The special tokens the server put in front of a text it was asked to count without them (0 when it obeyed). */
  public int specialTokensAdded() {
    return specialTokensAdded;
  }

  @Override
  public int count(String text) {
    if (shape == Shape.VLLM) {
      return Math.max(0, require(vllmText(model, text, false)).path("count").asInt() - specialTokensAdded);
    }
    return require(llamaText(text, false)).path("tokens").size();
  }

  /** The token ids of raw text, in order, without the special tokens ({@link #count} of them). */
  public int[] ids(String text) {
    JsonNode tokens = (shape == Shape.VLLM ? require(vllmText(model, text, false)) : require(llamaText(text, false))).path("tokens");
    int skip = shape == Shape.VLLM ? Math.min(specialTokensAdded, tokens.size()) : 0;
    int[] ids = new int[tokens.size() - skip];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens.get(i + skip).asInt();
    }
    return ids;
  }

  /**
   * The text of {@code ids}, from {@code POST /detokenize} beside {@code /tokenize}: vLLM's <code>{"model",
   * "tokens"}</code> answers <code>{"prompt"}</code>, llama.cpp's <code>{"tokens"}</code> answers
   * <code>{"content"}</code>. Empty when the server answers no text (no such endpoint, or an id it refuses).
   */
  public Optional<String> detokenize(int[] ids) {
    ObjectNode body = MAPPER.createObjectNode();
    if (shape == Shape.VLLM) {
      body.put("model", model);
    }
    com.fasterxml.jackson.databind.node.ArrayNode tokens = body.putArray("tokens");
    for (int id : ids) {
      tokens.add(id);
    }
    Answer answer = send(uri.resolve("detokenize"), body);
    String field = shape == Shape.VLLM ? "prompt" : "content";
    return answer.ok() && answer.json().path(field).isTextual() ? Optional.of(answer.json().get(field).asText()) : Optional.empty();
  }

  @Override
  public OptionalInt promptTokens(Api api, String text) {
    if (shape == Shape.VLLM) {
      ObjectNode body = api == Api.CHAT ? vllmChat(model, text) : vllmText(model, text, true);
      return OptionalInt.of(require(body).path("count").asInt());
    }
    if (api == Api.COMPLETIONS) {
      return OptionalInt.of(require(llamaText(text, true)).path("tokens").size());
    }
    if (noTemplateEndpoint) {
      return OptionalInt.empty();
    }
    URI template = uri.resolve("apply-template");
    ObjectNode messages = MAPPER.createObjectNode();
    messages.putArray("messages").addObject().put("role", "user").put("content", text);
    Answer formatted = send(template, messages);
    if (!formatted.ok() || !formatted.json().path("prompt").isTextual()) {
      noTemplateEndpoint = true; // an older llama.cpp: the template's tokens stay unknown
      return OptionalInt.empty();
    }
    return OptionalInt.of(require(llamaText(formatted.json().path("prompt").asText(), true)).path("tokens").size());
  }

  @Override
  public String source() {
    return "the server's tokenizer (POST " + uri + ", " + shape.label() + " shape)";
  }

  @Override
  public int calls() {
    return http.calls.get();
  }

  /** vLLM: the tokens of the empty text with {@code add_special_tokens: false}; 0 when the server refuses the empty text. */
  private static int specialTokensOfEmptyText(Http http, URI uri, String model) {
    try {
      Answer empty = http.post(uri, vllmText(model, "", false));
      return empty.ok() && empty.json().path("count").isInt() ? empty.json().path("count").asInt() : 0;
    } catch (IOException e) {
      return 0; // the next count fails with its own sentence if the server is gone
    }
  }

  private JsonNode require(ObjectNode body) {
    Answer a = send(uri, body);
    if (!a.ok()) {
      throw failed("HTTP " + a.status() + ": " + a.sample());
    }
    return a.json();
  }

  private Answer send(URI to, ObjectNode body) {
    try {
      return http.post(to, body);
    } catch (IOException e) {
      throw failed(describe(e));
    }
  }

  private TargetException failed(String what) {
    return new TargetException("The server's tokenizer at " + uri + " failed while counting prompt tokens (" + what
        + "); set llm.request.tokenizer = estimate to count with jtokkit instead.");
  }

  private static ObjectNode vllmText(String model, String text, boolean specialTokens) {
    ObjectNode body = MAPPER.createObjectNode().put("model", model).put("prompt", text);
    if (!specialTokens) {
      body.put("add_special_tokens", false);
    }
    return body;
  }

  private static ObjectNode vllmChat(String model, String text) {
    ObjectNode body = MAPPER.createObjectNode().put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    return body; // vLLM's defaults: add_generation_prompt true, and the template brings its own BOS
  }

  private static ObjectNode llamaText(String text, boolean specialTokens) {
    return MAPPER.createObjectNode().put("content", text).put("add_special", specialTokens);
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  /** One answer: its status and body (parsed when it was a JSON object, else an empty object). */
  private record Answer(int status, JsonNode json, String sample) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  /** The HTTP side: JSON posts with the API key, counted. */
  private static final class Http {
    private final HttpClient client;
    private final Optional<Secret> apiKey;
    private final Duration timeout;
    private final AtomicInteger calls = new AtomicInteger();

    Http(HttpClient client, Optional<Secret> apiKey, Duration timeout) {
      this.client = client;
      this.apiKey = apiKey;
      this.timeout = timeout;
    }

    Answer post(URI uri, ObjectNode body) throws IOException {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k.reveal()));
      calls.incrementAndGet();
      HttpResponse<String> response;
      try {
        response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      String text = response.body() == null ? "" : response.body();
      JsonNode json;
      try {
        json = MAPPER.readTree(text);
      } catch (IOException e) {
        json = null;
      }
      String sample = text.strip().length() > SAMPLE_CHARS ? text.strip().substring(0, SAMPLE_CHARS) + "..." : text.strip();
      return new Answer(response.statusCode(), json != null && json.isObject() ? json : MAPPER.createObjectNode(), sample);
    }
  }
}

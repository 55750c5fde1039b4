package dev.llmload.openai;

import dev.llmload.config.Api;
import dev.llmload.config.RequestSettings;
import dev.llmload.config.Secret;
import dev.llmload.config.TlsSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.Optional;

/**
 * One short streamed request before the load ({@code max_tokens} 8, {@code ignore_eos}, usage asked for), sent
 * with {@code X-Request-Id: preflight-1}. It finds what a run would otherwise discover request by request - a
 * model the server rejects, a parameter it refuses (the error body is shown) -
 * and how the server streams ({@link ServerQuirks}).
 */
public final class ServerProbe {

  public static final String REQUEST_ID = "preflight-1";
  private static final java.util.Set<Integer> FATAL_STATUSES = java.util.Set.of(400, 401, 403, 404, 405, 422);
  static final int PROBE_TOKENS = 8;
  private static final int BODY_SAMPLE_CHARS = 300;

  private ServerProbe() {}

  /** What the probe found: the quirks, or why it could not tell (a failure that does not stop the run). */
  public record Result(ServerQuirks quirks, String warning) {}

  /**
   * Sends the probe. A refusal that every request of the run would meet too (HTTP 400, 401, 403, 404, 405, 422)
   * throws {@link TargetException}; anything a loaded server may do now and then (429, 5xx, a cut, a timeout, an
   * error event) only makes the result a warning, and the run goes on to measure it.
   */
  public static Result probe(URI baseUrl, Api api, String model, RequestSettings request, Optional<Secret> apiKey, TlsSettings tls,
      Duration timeout) {
    try {
      return new Result(send(baseUrl, api, model, request, apiKey, tls, timeout), null);
    } catch (ProbeFailure e) {
      return new Result(null, e.getMessage());
    }
  }

  private static ServerQuirks send(URI baseUrl, Api api, String model, RequestSettings request, Optional<Secret> apiKey, TlsSettings tls,
      Duration timeout) {
    RequestSettings probe = request.forProbe(PROBE_TOKENS);
    URI uri = URI.create(baseUrl + api.path());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .header("X-Request-Id", REQUEST_ID)
        .POST(HttpRequest.BodyPublishers.ofString(RequestBodies.streaming(api, model, request.prompt(), probe)));
    apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k.reveal()));
    HttpClient client = TlsClients.client(tls, timeout);
    try {
      HttpResponse<InputStream> response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status != 200) {
          String text = new String(body.readNBytes(BODY_SAMPLE_CHARS), StandardCharsets.UTF_8).strip();
          String message = "the probe request to " + uri + " got HTTP " + status + ": " + text;
          if (FATAL_STATUSES.contains(status)) {
            throw new TargetException("The server refuses the requests this run would send: " + message
                + (status == 401 || status == 403 ? " - set LLM_API_KEY (or OPENAI_API_KEY)." : " - check llm.target.model, llm.request.* and llm.request.extraBody."));
          }
          throw new ProbeFailure(message);
        }
        return read(body);
      }
    } catch (ConnectException e) {
      throw new TargetException("Cannot reach " + uri + ": connection refused.");
    } catch (IOException e) {
      if (TlsClients.untrustedCertificate(e)) {
        throw new TargetException(ModelCatalog.untrusted(uri));
      }
      throw new ProbeFailure("the probe request to " + uri + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("Interrupted during the probe request to " + uri + ".");
    }
  }

  /** Reads an SSE body ({@code data:} lines) to its end or {@code [DONE]}. */
  static ServerQuirks read(InputStream body) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    boolean first = true;
    boolean roleOnlyFirst = false;
    int content = 0;
    int completion = -1;
    String finish = null;
    String error = null;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.startsWith("data:")) {
        continue;
      }
      String data = line.substring(5).strip();
      if (data.equals("[DONE]")) {
        break;
      }
      StreamEvent e = StreamEventParser.parseData(data);
      if (first) {
        roleOnlyFirst = e.roleOnly();
        first = false;
      }
      if (e.error() != null) {
        error = e.error();
      }
      if (e.contentChunk()) {
        content++;
      }
      if (e.finishReason() != null) {
        finish = e.finishReason();
      }
      if (e.hasUsage()) {
        completion = e.completionTokens();
      }
    }
    if (error != null) {
      throw new ProbeFailure("the probe request got an error event inside its stream: " + error);
    }
    int tokens = completion >= 0 ? completion : content;
    Double perChunk = completion >= 0 && content > 0 ? Math.round(100.0 * completion / content) / 100.0 : null;
    Boolean honoursMax = tokens > PROBE_TOKENS ? Boolean.FALSE : tokens == PROBE_TOKENS ? Boolean.TRUE : null;
    Boolean honoursIgnoreEos = tokens == PROBE_TOKENS ? Boolean.TRUE : "stop".equals(finish) ? Boolean.FALSE : null;
    return new ServerQuirks(roleOnlyFirst, completion >= 0, content, completion, perChunk, honoursMax, honoursIgnoreEos, finish);
  }

  /** A short description for the console. */
  public static String describe(ServerQuirks q) {
    return (q.roleOnlyFirstChunk() ? "role-only first chunk (not counted for TTFT)" : "no role-only first chunk")
        + ", " + (q.usageSent() ? "usage sent" : "NO usage: tokens counted as chunks")
        + (q.tokensPerChunk() != null ? ", " + q.tokensPerChunk() + " tokens/chunk" : "")
        + ", max_tokens " + tri(q.honoursMaxTokens()) + ", ignore_eos " + tri(q.honoursIgnoreEos());
  }

  private static String tri(Boolean b) {
    return b == null ? "unknown" : b ? "honoured" : "NOT honoured";
  }


  /** A probe failure that does not stop the run. */
  private static final class ProbeFailure extends RuntimeException {
    ProbeFailure(String message) {
      super(message);
    }
  }
}

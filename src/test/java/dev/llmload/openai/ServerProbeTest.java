package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.llmload.config.Api;
import dev.llmload.config.RequestSettings;
import dev.llmload.config.TlsSettings;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The preflight probe: what it learns from a stream, and which refusals stop the run. */
class ServerProbeTest {

  private static final RequestSettings REQUEST = new RequestSettings(128, true, "Hello", Map.of(), Duration.ZERO);
  private static final String VLLM_STREAM = """
      data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

      data: {"choices":[{"index":0,"delta":{"content":" a b"},"finish_reason":null}]}

      data: {"choices":[{"index":0,"delta":{"content":" c d"},"finish_reason":null}]}

      data: {"choices":[{"index":0,"delta":{"content":" e f g h"},"finish_reason":null}]}

      data: {"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}

      data: {"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":8,"total_tokens":17}}

      data: [DONE]

      """;

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI serve(int status, String contentType, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  private static ServerProbe.Result probe(URI base) {
    return ServerProbe.probe(base, Api.CHAT, "m", REQUEST, Optional.empty(), TlsSettings.defaults(), Duration.ofSeconds(5));
  }

  @Test
  void readsHowTheServerStreams() throws Exception {
    ServerQuirks q = ServerProbe.read(new ByteArrayInputStream(VLLM_STREAM.getBytes(StandardCharsets.UTF_8)));
    assertEquals(new ServerQuirks(true, true, 3, 8, 2.67, true, true, "length"), q);
    assertEquals("role-only first chunk (not counted for TTFT), usage sent, 2.67 tokens/chunk, max_tokens honoured, ignore_eos honoured",
        ServerProbe.describe(q));
  }

  @Test
  void noUsageAndAnEarlyStopAreReported() throws Exception {
    String stream = """
        data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

        data: {"choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"}]}

        data: [DONE]
        """;
    ServerQuirks q = ServerProbe.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    assertEquals(new ServerQuirks(false, false, 2, -1, null, null, false, "stop"), q);
    assertTrue(ServerProbe.describe(q).contains("NO usage: tokens counted as chunks"));
    assertTrue(ServerProbe.describe(q).contains("ignore_eos NOT honoured"));
  }

  @Test
  void aStreamingServerIsProbed() throws Exception {
    ServerProbe.Result r = probe(serve(200, "text/event-stream", VLLM_STREAM));
    assertNull(r.warning());
    assertEquals(8, r.quirks().completionTokens());
  }

  @Test
  void aRefusedParameterStopsTheRunWithTheErrorBody() throws Exception {
    URI base = serve(400, "application/json", "{\"error\":{\"message\":\"ignore_eos is not supported\",\"type\":\"BadRequestError\"}}");
    TargetException e = assertThrows(TargetException.class, () -> probe(base));
    assertEquals("The server refuses the requests this run would send: the probe request to " + base + "/chat/completions got HTTP 400: "
        + "{\"error\":{\"message\":\"ignore_eos is not supported\",\"type\":\"BadRequestError\"}} - check llm.target.model, "
        + "llm.request.* and llm.request.extraBody.", e.getMessage());
  }

  @Test
  void aMissingKeyStopsTheRunNamingTheVariable() throws Exception {
    URI base = serve(401, "application/json", "{\"error\":\"unauthorized\"}");
    TargetException e = assertThrows(TargetException.class, () -> probe(base));
    assertTrue(e.getMessage().endsWith(" - set LLM_API_KEY (or OPENAI_API_KEY)."), e.getMessage());
  }

  @Test
  void aBusyServerOnlyWarns() throws Exception {
    URI base = serve(503, "application/json", "{\"error\":\"overloaded\"}");
    ServerProbe.Result r = probe(base);
    assertNull(r.quirks());
    assertEquals("the probe request to " + base + "/chat/completions got HTTP 503: {\"error\":\"overloaded\"}", r.warning());
  }
}

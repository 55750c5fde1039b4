package dev.llmload.server.http;

import static dev.llmload.server.TestServers.chatBody;
import static dev.llmload.server.TestServers.completionBody;
import static dev.llmload.server.TestServers.id;
import static dev.llmload.server.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.server.RawHttp;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.faults.FaultKind;
import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.truth.RequestOutcome;
import dev.llmload.server.truth.RequestTruth;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every fault, selected the three ways: a configured rule for a model name, a {@code fault/...} model name, the
 * {@code X-Sim-Fault} header. Stall tests assert a lower bound with the stall as tolerance floor, never sleep.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

  private static final long STALL_MS = 300;
  private static final long MS = 1_000_000;
  private static SimulatedServer server;

  @BeforeAll
  static void start() {
    server = SimulatedServer.start(TestServers.quick().toBuilder().faults(
        FaultRule.forModel("always-429", FaultKind.HTTP_429),
        FaultRule.forModel("always-500", FaultKind.HTTP_500),
        FaultRule.forModel("always-503", FaultKind.HTTP_503),
        FaultRule.forModel("cut-after-3", FaultKind.CUT).withAfterTokens(3),
        FaultRule.forModel("coin-flip", FaultKind.HTTP_503).withProbability(0.5),
        FaultRule.forModel("stale-at-0.3", FaultKind.STALE_CONNECTION).withProbability(0.3)).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ruleModelsAreServed() {
    assertTrue(server.modelNames().containsAll(List.of("sim-fast", "always-429", "cut-after-3", "coin-flip")));
    assertEquals("sim-fast", server.modelNames().get(0));
  }

  @Test
  void httpErrorsBeforeTheStreamCarryAnOpenAiBody() throws IOException {
    for (int status : new int[] {429, 500, 503}) {
      RawHttp.Response r = send(chatBody("always-" + status, true, false, 5), "http-" + status);
      assertEquals(status, r.status());
      JsonNode error = json(r.body()).get("error");
      assertEquals(status, error.get("code").asInt());
      assertTrue(error.get("message").asText().contains("injected fault http-" + status));
      assertEquals(status == 500 ? null : "1", r.headers().get("retry-after"));
      RequestTruth truth = server.groundTruth().find("http-" + status).orElseThrow();
      assertEquals(RequestOutcome.ERRORED, truth.outcome());
      assertEquals(status, truth.httpStatus());
      assertEquals(Optional.of(FaultKind.valueOf("HTTP_" + status)), truth.injectedFault());
      assertEquals(0, truth.contentChunks());
    }
  }

  @Test
  void faultModelNameNeedsNoConfiguration() throws IOException {
    RawHttp.Response r = send(completionBody("fault/http-503", true, false, 5), "by-name-503");
    assertEquals(503, r.status());
  }

  @Test
  void errorEventInsideA200Stream() throws IOException {
    RawHttp.Response r = send(chatBody("fault/error-event/after=2", true, true, 10), "error-event");
    assertEquals(200, r.status());
    assertTrue(r.complete(), "the stream still ends properly");
    List<String> events = r.events();
    // role, 2 content chunks, error, [DONE]
    assertEquals(5, events.size(), events.toString());
    JsonNode error = json(events.get(3)).get("error");
    assertEquals(500, error.get("code").asInt());
    assertEquals("InternalServerError", error.get("type").asText());
    assertEquals("[DONE]", events.get(4));
    RequestTruth truth = server.groundTruth().find("error-event").orElseThrow();
    assertEquals(RequestOutcome.ERRORED, truth.outcome());
    assertEquals(2, truth.completionTokens());
  }

  @Test
  void connectionCutMidStream() throws IOException, InterruptedException {
    long cutBefore = server.groundTruth().requestsCut();
    RawHttp.Response r = send(chatBody("cut-after-3", true, true, 10), "cut");
    assertEquals(200, r.status());
    assertFalse(r.complete(), "no terminal chunk");
    List<String> events = r.events();
    assertEquals(4, events.size(), "role and 3 content chunks: " + events);
    assertFalse(r.body().contains("[DONE]"));
    RequestTruth truth = server.groundTruth().awaitEnded("cut", Duration.ofSeconds(5)).orElseThrow();
    assertEquals(RequestOutcome.CUT, truth.outcome());
    assertEquals(3, truth.completionTokens());
    assertEquals(cutBefore + 1, server.groundTruth().requestsCut());
  }

  @Test
  void cutAfterZeroTokensSendsOnlyHeadersAndRole() throws IOException {
    RawHttp.Response r = send(chatBody("fault/cut/after=0", true, false, 10), "cut-0");
    assertEquals(200, r.status());
    assertFalse(r.complete());
    assertEquals(1, r.events().size());
  }

  @Test
  void cutAfterZeroTokensOfATextCompletionSendsNoContent() throws IOException {
    RawHttp.Response r = send(completionBody("fault/cut/after=0", true, false, 10), "cut-0-text");
    assertEquals(200, r.status());
    assertFalse(r.complete());
    assertEquals(List.of(), r.events());
    assertEquals(0, server.groundTruth().find("cut-0-text").orElseThrow().completionTokens());
  }

  @Test
  void faultAfterMoreTokensThanTheAnswerHasNeverFires() throws IOException {
    RawHttp.Response r = send(chatBody("fault/cut/after=50", true, false, 3), "too-short");
    assertTrue(r.complete());
    assertEquals(RequestOutcome.COMPLETED, server.groundTruth().find("too-short").orElseThrow().outcome());
  }

  @Test
  void stallBeforeHeaders() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      long sent = System.nanoTime();
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions",
          chatBody("fault/stall-before-headers/stallMs=" + STALL_MS, true, false, 2), id("stall-headers")));
      assertTrue(r.headersNanos() - sent >= STALL_MS * MS,
          "headers after " + (r.headersNanos() - sent) / MS + " ms");
      assertTrue(r.complete());
    }
  }

  @Test
  void stallMidStreamThenTheRestInABurst() throws IOException {
    RawHttp.Response r = send(completionBody("fault/stall-mid-stream/after=2/stallMs=" + STALL_MS, true, false, 6),
        "stall-mid");
    assertTrue(r.complete());
    RequestTruth truth = server.groundTruth().find("stall-mid").orElseThrow();
    long[] writes = truth.contentWriteNanos();
    assertEquals(6, writes.length);
    assertTrue(writes[2] - writes[1] >= STALL_MS * MS, "gap " + (writes[2] - writes[1]) / MS + " ms");
    assertTrue(writes[1] - writes[0] < STALL_MS * MS / 2);
    // The client saw the same gap.
    List<Long> arrivals = r.chunkNanos();
    assertTrue(arrivals.get(2) - arrivals.get(1) >= STALL_MS * MS - 5 * MS);
    assertEquals(RequestOutcome.COMPLETED, truth.outcome());
  }

  @Test
  void malformedChunkThenTheStreamGoesOn() throws IOException {
    RawHttp.Response r = send(chatBody("fault/malformed-chunk/after=1", true, false, 4), "malformed");
    assertTrue(r.complete());
    List<String> events = r.events();
    int malformed = 0;
    for (String event : events) {
      if (!event.equals("[DONE]")) {
        try {
          TestServers.JSON.readTree(event);
        } catch (IOException e) {
          malformed++;
        }
      }
    }
    assertEquals(1, malformed, events.toString());
    assertEquals("[DONE]", events.get(events.size() - 1));
    assertThrows(RuntimeException.class, () -> json(events.get(2)), "right after the first content chunk");
    assertEquals(Optional.of(FaultKind.MALFORMED_CHUNK),
        server.groundTruth().find("malformed").orElseThrow().injectedFault());
  }

  @Test
  void headerSelectsAFaultOnTheDefaultModel() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody("sim-fast", true, false, 5),
          Map.of("X-Sim-Fault", "http-429", "X-Request-Id", "by-header")));
      assertEquals(429, r.status());
      RawHttp.Response bad = http.exchange(RawHttp.postJson("/v1/chat/completions",
          chatBody("sim-fast", true, false, 5), Map.of("X-Sim-Fault", "explode")));
      assertEquals(400, bad.status());
      assertTrue(json(bad.body()).at("/error/message").asText().contains("http-429, http-500"), bad.body());
    }
  }

  @Test
  void badFaultModelNameIs400WithTheExpectedForm() throws IOException {
    RawHttp.Response r = send(chatBody("fault/cut/after=soon", true, false, 5), "bad-spec");
    assertEquals(400, r.status());
    assertTrue(json(r.body()).at("/error/message").asText().contains("<kind>[/after=<tokens>]"), r.body());
  }

  @Test
  void probabilisticRuleHitsSomeRequestsDeterministically() throws IOException {
    int failed = 0;
    try (RawHttp http = new RawHttp(server.getUri())) {
      for (int i = 0; i < 40; i++) {
        RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/completions",
            completionBody("coin-flip", false, false, 1), id("coin-" + i)));
        if (r.status() == 503) {
          failed++;
        }
      }
    }
    assertTrue(failed > 5 && failed < 35, failed + " of 40 failed at p=0.5");
  }

  @Test
  void nonStreamedFaults() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response cut = http.exchange(RawHttp.postJson("/v1/completions",
          completionBody("fault/cut/after=2", false, false, 5), Map.of()));
      assertEquals(-1, cut.status(), "connection closed before any response");
    }
    RawHttp.Response error = send(completionBody("fault/error-event/after=2", false, false, 5), "body-error");
    assertEquals(500, error.status());
    RawHttp.Response malformed = send(completionBody("fault/malformed-chunk", false, false, 5), "body-malformed");
    assertEquals(200, malformed.status());
    assertThrows(RuntimeException.class, () -> json(malformed.body()));
  }

  @Test
  void staleConnectionDropsARequestOnAReusedConnectionUnansweredAndUncounted() throws IOException {
    long received = server.groundTruth().requestsReceived();
    long drops = server.keepAliveCloses("stale_fault");
    String body = chatBody("fault/stale-connection", true, true, 3);
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response first = http.exchange(RawHttp.postJson("/v1/chat/completions", body, id("stale-first")));
      assertEquals(200, first.status());
      assertTrue(first.complete(), "the first request of a fresh connection is served normally");
      http.send(RawHttp.postJson("/v1/chat/completions", body, id("stale-second")));
      assertArrayEquals(new byte[0], http.readUntilClosed(), "closed without a byte of answer");
    }
    assertEquals(1, server.timesProcessed("stale-first"));
    assertEquals(0, server.timesProcessed("stale-second"), "never processed");
    assertTrue(server.groundTruth().find("stale-second").isEmpty(), "not in the ground truth");
    assertEquals(received + 1, server.groundTruth().requestsReceived(), "not counted as received");
    assertEquals(drops + 1, server.keepAliveCloses("stale_fault"));
    // The client's re-send on a new connection is its first request there: served, and processed once.
    RawHttp.Response resent = send(body, "stale-second");
    assertTrue(resent.complete());
    assertEquals(1, server.timesProcessed("stale-second"));
    assertEquals(1, server.groundTruth().find("stale-second").orElseThrow().attempt());
  }

  @Test
  void staleConnectionByHeaderAfterAnyEarlierRequest() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      assertEquals(200, http.exchange(RawHttp.request("GET", "/v1/models", Map.of(), null)).status());
      http.send(RawHttp.postJson("/v1/completions", completionBody("sim-fast", false, false, 2),
          Map.of("X-Sim-Fault", "stale-connection", "X-Request-Id", "stale-by-header")));
      assertArrayEquals(new byte[0], http.readUntilClosed());
    }
    assertEquals(0, server.timesProcessed("stale-by-header"));
  }

  @Test
  void staleConnectionWithAProbabilityHitsThatShareOfReusedConnections() throws IOException {
    long duplicates = server.duplicateProcessedRequests();
    int dropped = 0;
    for (int i = 0; i < 40; i++) {
      String requestId = "stale-p-" + i;
      String request = RawHttp.postJson("/v1/completions", completionBody("stale-at-0.3", false, false, 1),
          id(requestId));
      try (RawHttp http = new RawHttp(server.getUri())) {
        assertEquals(200, http.exchange(RawHttp.request("GET", "/health", Map.of(), null)).status());
        RawHttp.Response r = http.exchange(request);
        if (r.status() == -1) {
          dropped++;
          assertEquals(0, server.timesProcessed(requestId));
          assertEquals(200, send(completionBody("stale-at-0.3", false, false, 1), requestId).status(),
              "re-sent on a fresh connection");
        } else {
          assertEquals(200, r.status());
        }
      }
      assertEquals(1, server.timesProcessed(requestId));
    }
    assertTrue(dropped > 3 && dropped < 25, dropped + " of 40 dropped at p=0.3");
    assertEquals(duplicates, server.duplicateProcessedRequests(), "no request processed twice");
  }

  private static RawHttp.Response send(String body, String requestId) throws IOException {
    boolean chat = body.contains("\"messages\"");
    try (RawHttp http = new RawHttp(server.getUri())) {
      return http.exchange(RawHttp.postJson(chat ? "/v1/chat/completions" : "/v1/completions", body,
          id(requestId)));
    }
  }
}

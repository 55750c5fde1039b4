package dev.llmload.server.truth;

import static dev.llmload.server.TestServers.chatBody;
import static dev.llmload.server.TestServers.id;
import static dev.llmload.server.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.server.RawHttp;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the server records per request, compared with what a client in the same JVM saw. */
class GroundTruthTest {

  @Test
  void streamTimesAreServerWriteTimesOnTheSharedClock() throws IOException {
    try (SimulatedServer server = SimulatedServer.start(TestServers.quick());
        RawHttp http = new RawHttp(server.getUri())) {
      long sent = System.nanoTime();
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions",
          chatBody("sim-fast", true, true, 5), id("truth-1")));
      RequestTruth t = server.groundTruth().find("truth-1").orElseThrow();
      assertEquals("sim-fast", t.model());
      assertTrue(t.stream());
      assertEquals(RequestOutcome.COMPLETED, t.outcome());
      assertEquals(200, t.httpStatus());
      assertEquals(1, t.attempt());
      assertEquals(Optional.empty(), t.injectedFault());
      assertEquals(5, t.contentChunks());
      assertEquals(5, t.completionTokens());
      assertEquals(16, t.promptTokens());
      long[] writes = t.contentWriteNanos();
      assertTrue(sent <= t.receivedNanos() && t.receivedNanos() < t.firstContentNanos());
      for (int i = 1; i < writes.length; i++) {
        assertTrue(writes[i] > writes[i - 1]);
      }
      assertEquals(writes[0], t.firstContentNanos());
      assertEquals(writes[4], t.lastContentNanos());
      // Chunk i reached the client after the server wrote it: chunks are role, content x5, tail.
      List<Long> arrivals = r.chunkNanos();
      for (int i = 0; i < 5; i++) {
        assertTrue(arrivals.get(i + 1) >= writes[i], "chunk " + i + " arrived before it was written?");
      }
    }
  }

  @Test
  void serverMakesUpIdsWhenTheClientSendsNone() throws IOException {
    try (SimulatedServer server = SimulatedServer.start(TestServers.quick());
        RawHttp http = new RawHttp(server.getUri())) {
      String a = http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody("sim-fast", false, false, 1),
          Map.of())).headers().get("x-request-id");
      String b = http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody("sim-fast", false, false, 1),
          Map.of())).headers().get("x-request-id");
      assertNotEquals(a, b);
      assertTrue(server.groundTruth().find(a).isPresent());
      RequestTruth nonStream = server.groundTruth().find(b).orElseThrow();
      assertFalse(nonStream.stream());
      assertEquals(1, nonStream.contentChunks(), "one body write");
      assertEquals(2, server.groundTruth().requestsCompleted());
    }
  }

  @Test
  void repeatedRequestIdIsKeptAsASecondAttempt() throws IOException {
    try (SimulatedServer server = SimulatedServer.start(TestServers.quick());
        RawHttp http = new RawHttp(server.getUri())) {
      for (int i = 0; i < 2; i++) {
        http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody("sim-fast", true, false, 2), id("retry")));
      }
      GroundTruth truth = server.groundTruth();
      assertEquals(1, truth.duplicateRequestIds());
      assertEquals(2, truth.find("retry").orElseThrow().attempt());
      assertEquals(List.of(1, 2), truth.findAll("retry").stream().map(RequestTruth::attempt).toList());
      assertEquals(2, truth.requestsReceived());
      assertEquals(2, server.timesProcessed("retry"));
      assertEquals(0, server.timesProcessed("never-sent"));
      assertEquals(Map.of("retry", 2), server.processedCountsById());
      assertEquals(1, server.duplicateProcessedRequests());
    }
  }

  @Test
  void keepsOnlyTheLastCapacityRequestsButCountsAll() throws IOException {
    try (SimulatedServer server = SimulatedServer.start(TestServers.quick().toBuilder().groundTruthCapacity(3).build());
        RawHttp http = new RawHttp(server.getUri())) {
      for (int i = 0; i < 5; i++) {
        http.exchange(RawHttp.postJson("/v1/completions", TestServers.completionBody("sim-fast", false, false, 1),
            id("r" + i)));
      }
      GroundTruth truth = server.groundTruth();
      assertEquals(List.of("r2", "r3", "r4"), truth.snapshot().stream().map(RequestTruth::requestId).toList());
      assertTrue(truth.find("r0").isEmpty());
      assertEquals(5, truth.requestsReceived());
      assertEquals(5, truth.requestsCompleted());
      assertEquals(0, truth.requestsInProgress());
    }
  }

  @Test
  void clientDisconnectIsRecordedAsCancelledAndFreesTheEngine() throws IOException, InterruptedException {
    try (SimulatedServer server = SimulatedServer.start(TestServers.quick())) {
      try (RawHttp http = new RawHttp(server.getUri())) {
        // 5,000 tokens at 1 ms per step: far longer than this test.
        http.send(RawHttp.postJson("/v1/chat/completions", chatBody("sim-fast", true, false, 5_000), id("gone")));
        RawHttp.Response partial = readHeadersOnly(http);
        assertEquals(200, partial.status());
      }
      RequestTruth t = server.groundTruth().awaitEnded("gone", Duration.ofSeconds(5)).orElseThrow();
      assertEquals(RequestOutcome.CANCELLED, t.outcome());
      assertTrue(t.completionTokens() < 5_000);
      assertEquals(1, server.groundTruth().requestsCancelled());
    }
  }

  @Test
  void debugEndpointServesTheTruthAsJson() throws IOException {
    try (SimulatedServer server = SimulatedServer.start(TestServers.quick());
        RawHttp http = new RawHttp(server.getUri())) {
      http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody("sim-fast", true, false, 3), id("dbg-1")));
      http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody("sim-fast", true, false, 3), id("dbg-2")));
      JsonNode all = json(http.exchange(RawHttp.request("GET", "/debug/requests", Map.of(), null)).body());
      assertEquals(2, all.get("received").asLong());
      assertEquals(2, all.get("completed").asLong());
      assertEquals(2, all.get("requests").size());
      JsonNode one = json(http.exchange(RawHttp.request("GET", "/debug/requests?requestId=dbg-2", Map.of(), null))
          .body()).get("requests");
      assertEquals(1, one.size());
      RequestTruth t = server.groundTruth().find("dbg-2").orElseThrow();
      assertEquals(t.firstContentNanos(), one.get(0).get("firstContentNanos").asLong());
      assertEquals(3, one.get(0).get("contentWriteNanos").size());
      assertEquals("completed", one.get(0).get("outcome").asText());
      assertEquals(1, json(http.exchange(RawHttp.request("GET", "/debug/requests?requestId=dbg-2", Map.of(), null))
          .body()).get("timesProcessed").asInt());
      JsonNode last = json(http.exchange(RawHttp.request("GET", "/debug/requests?limit=1", Map.of(), null)).body());
      assertEquals("dbg-2", last.get("requests").get(0).get("requestId").asText());
    }
  }

  @Test
  void processedCountsAreKeptForTheIdsStillKept() {
    GroundTruth truth = new GroundTruth(2);
    truth.begin("a", "m", true, 1, 1);
    truth.begin("a", "m", true, 2, 1);
    truth.begin("b", "m", true, 3, 1);
    assertEquals(Map.of("a", 2, "b", 1), truth.processedCountsById());
    truth.begin("c", "m", true, 4, 1); // forgets both "a" requests: counts stay bounded by the capacity
    assertEquals(Map.of("b", 1, "c", 1), truth.processedCountsById());
    assertEquals(0, truth.timesProcessed("a"));
    assertEquals(1, truth.duplicateRequestIds(), "the counter covers everything since start");
  }

  @Test
  void alsoBoundsTheNumberOfChunkTimeStampsKept() {
    GroundTruth truth = new GroundTruth(2); // at most 200 stamps
    TruthRecorder big = truth.begin("big", "m", true, 1, 1);
    for (int i = 0; i < 250; i++) {
      big.contentWritten(i, 1);
    }
    truth.begin("small", "m", true, 2, 1);
    assertEquals(List.of("small"), truth.snapshot().stream().map(RequestTruth::requestId).toList());
    big.contentWritten(300, 1); // an evicted request no longer counts
    truth.begin("third", "m", true, 3, 1);
    assertEquals(List.of("small", "third"), truth.snapshot().stream().map(RequestTruth::requestId).toList());
  }

  @Test
  void awaitEndedTimesOutForUnknownIds() throws InterruptedException {
    GroundTruth truth = new GroundTruth(10);
    assertTrue(truth.awaitEnded("nobody", Duration.ofMillis(1)).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> new GroundTruth(0));
  }

  @Test
  void requestTruthValidatesItsTimesAndCopiesItsArray() {
    long[] writes = {10, 20};
    RequestTruth t = new RequestTruth("a", "m", true, 5, 10, 20, writes, 1, 0, 2, RequestOutcome.COMPLETED, 1, 200,
        Optional.empty());
    writes[0] = 99;
    assertEquals(10, t.contentWriteNanos()[0]);
    t.contentWriteNanos()[1] = 99;
    assertEquals(20, t.lastContentNanos());
    assertEquals(t, new RequestTruth("a", "m", true, 5, 10, 20, new long[] {10, 20}, 1, 0, 2,
        RequestOutcome.COMPLETED, 1, 200, Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new RequestTruth("a", "m", true, 5, 11, 20,
        new long[] {10, 20}, 1, 0, 2, RequestOutcome.COMPLETED, 1, 200, Optional.empty()));
  }

  private static RawHttp.Response readHeadersOnly(RawHttp http) throws IOException {
    return http.readHead();
  }
}

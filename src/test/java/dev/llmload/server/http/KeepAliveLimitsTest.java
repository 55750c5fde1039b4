package dev.llmload.server.http;

import static dev.llmload.server.TestServers.chatBody;
import static dev.llmload.server.TestServers.completionBody;
import static dev.llmload.server.TestServers.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.RawHttp;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.metrics.ServerMetrics;
import dev.llmload.server.truth.RequestOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server closes kept-alive connections as uvicorn and cpp-httplib do: silently after {@code keepAliveIdle} with
 * no request in progress, and with {@code Connection: close} on the {@code keepAliveMaxRequests}-th response. The
 * idle time here is 200 ms; timing bounds are loose (the machine is shared) and nothing sleeps: the client blocks on
 * the socket until the server closes it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeepAliveLimitsTest {

  private static final Duration IDLE = Duration.ofMillis(200);
  private static final long MS = 1_000_000;
  private static final byte[] NOTHING = new byte[0];

  private static SimulatedServer start(Duration idle, int maxRequests) {
    return SimulatedServer.start(TestServers.quick().toBuilder().keepAliveIdle(idle).keepAliveMaxRequests(maxRequests)
        .build());
  }

  private static long closes(SimulatedServer server, ServerMetrics.CloseReason reason) {
    return server.keepAliveCloses(reason.label());
  }

  @Test
  void anIdleConnectionIsClosedWithoutAByteAfterKeepAliveIdle() throws IOException {
    try (SimulatedServer server = start(IDLE, 0); RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions",
          chatBody("sim-fast", true, false, 3), id("before-idle")));
      assertTrue(r.complete());
      assertFalse(r.headers().containsKey("connection"), "no Connection: close on an idle close");
      long ended = System.nanoTime();
      assertArrayEquals(NOTHING, http.readUntilClosed(), "closed silently");
      long idleNanos = System.nanoTime() - ended;
      // The server's clock starts when the last bytes went to the socket, before the client had read them (on a busy
      // machine, maybe long before): a loose lower bound that still tells an idle close from an immediate one.
      assertTrue(idleNanos >= IDLE.toNanos() / 2, "closed after " + idleNanos / MS + " ms");
      assertTrue(idleNanos < IDLE.toNanos() + 5_000 * MS, "closed after " + idleNanos / MS + " ms");
      assertEquals(1, closes(server, ServerMetrics.CloseReason.IDLE));
    }
  }

  @Test
  void aConnectionThatNeverSendsARequestIsIdleFromItsOpening() throws IOException {
    try (SimulatedServer server = start(IDLE, 0)) {
      long opened = System.nanoTime();
      try (RawHttp http = new RawHttp(server.getUri())) {
        assertArrayEquals(NOTHING, http.readUntilClosed());
        assertTrue(System.nanoTime() - opened >= IDLE.toNanos() - 50 * MS);
      }
    }
  }

  @Test
  void aStreamLongerThanTheIdleTimeIsNotIdle() throws IOException {
    try (SimulatedServer server = start(IDLE, 0); RawHttp http = new RawHttp(server.getUri())) {
      // 1 ms per step: 600 tokens stream for at least 600 ms, three idle times.
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/completions",
          completionBody("sim-fast", true, true, 600), id("long-stream")));
      assertTrue(r.complete(), "the stream ended with its terminal chunk");
      long streamNanos = r.chunkNanos().get(r.chunkNanos().size() - 1) - r.headersNanos();
      assertTrue(streamNanos > 2 * IDLE.toNanos(), "the stream lasted only " + streamNanos / MS + " ms");
      assertEquals(RequestOutcome.COMPLETED, server.groundTruth().find("long-stream").orElseThrow().outcome());
      // A request waiting longer than the idle time for its headers is not idle either.
      RawHttp.Response stalled = http.exchange(RawHttp.postJson("/v1/chat/completions",
          chatBody("fault/stall-before-headers/stallMs=500", true, false, 2), id("stalled")));
      assertEquals(200, stalled.status());
      assertTrue(stalled.complete());
      assertEquals(0, closes(server, ServerMetrics.CloseReason.IDLE));
      assertArrayEquals(NOTHING, http.readUntilClosed(), "then idle, and closed");
      assertEquals(1, closes(server, ServerMetrics.CloseReason.IDLE));
    }
  }

  @Test
  void theNthResponseCarriesConnectionCloseAndTheConnectionThenCloses() throws IOException {
    try (SimulatedServer server = start(Duration.ZERO, 3); RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response first = http.exchange(RawHttp.request("GET", "/health", Map.of(), null));
      RawHttp.Response second = http.exchange(RawHttp.postJson("/v1/completions",
          completionBody("sim-fast", false, false, 2), id("second")));
      RawHttp.Response third = http.exchange(RawHttp.postJson("/v1/chat/completions",
          chatBody("sim-fast", true, true, 4), id("third")));
      assertEquals(200, first.status());
      assertFalse(first.headers().containsKey("connection"));
      assertFalse(second.headers().containsKey("connection"));
      assertEquals("close", third.headers().get("connection"));
      assertTrue(third.complete(), "the last response is whole");
      assertTrue(third.body().endsWith("data: [DONE]\n\n"));
      assertArrayEquals(NOTHING, http.readUntilClosed());
      assertEquals(1, closes(server, ServerMetrics.CloseReason.MAX_REQUESTS));
      assertEquals(RequestOutcome.COMPLETED, server.groundTruth().find("third").orElseThrow().outcome());
    }
  }

  @Test
  void requestsPipelinedBehindTheNthAreNeverProcessed() throws IOException {
    try (SimulatedServer server = start(Duration.ZERO, 3); RawHttp http = new RawHttp(server.getUri())) {
      StringBuilder four = new StringBuilder();
      for (int i = 1; i <= 4; i++) {
        four.append(RawHttp.postJson("/v1/completions", completionBody("sim-fast", true, false, 2), id("p" + i)));
      }
      http.send(four.toString());
      for (int i = 1; i <= 3; i++) {
        RawHttp.Response r = http.read();
        assertEquals("p" + i, r.headers().get("x-request-id"));
        assertTrue(r.complete());
        assertEquals(i == 3 ? "close" : null, r.headers().get("connection"));
      }
      assertArrayEquals(NOTHING, http.readUntilClosed());
      assertTrue(server.groundTruth().find("p4").isEmpty(), "the fourth request was not read");
      assertEquals(3, server.groundTruth().requestsReceived());
    }
  }

  @Test
  void zeroSwitchesBothLimitsOff() throws IOException {
    try (SimulatedServer server = start(Duration.ZERO, 0); RawHttp http = new RawHttp(server.getUri())) {
      for (int i = 0; i < 5; i++) {
        RawHttp.Response r = http.exchange(RawHttp.request("GET", "/health", Map.of(), null));
        assertFalse(r.headers().containsKey("connection"));
      }
      assertTrue(http.staysOpenFor(IDLE.multipliedBy(2)));
      assertEquals(200, http.exchange(RawHttp.request("GET", "/health", Map.of(), null)).status());
    }
  }

  @Test
  void closesAreCountedAtMetrics() throws IOException {
    try (SimulatedServer server = start(IDLE, 2)) {
      try (RawHttp http = new RawHttp(server.getUri())) {
        http.exchange(RawHttp.request("GET", "/health", Map.of(), null));
        assertArrayEquals(NOTHING, http.readUntilClosed());
      }
      try (RawHttp http = new RawHttp(server.getUri())) {
        http.exchange(RawHttp.request("GET", "/health", Map.of(), null));
        http.exchange(RawHttp.request("GET", "/health", Map.of(), null));
        assertArrayEquals(NOTHING, http.readUntilClosed());
      }
      String metrics;
      try (RawHttp http = new RawHttp(server.getUri())) {
        metrics = http.exchange(RawHttp.request("GET", "/metrics", Map.of(), null)).body();
      }
      String labels = "engine=\"0\",model_name=\"sim-fast\"";
      assertTrue(metrics.contains("# TYPE llmsim:keepalive_closes_total counter\n"), metrics);
      assertTrue(metrics.contains("llmsim:keepalive_closes_total{" + labels + ",reason=\"idle\"} 1\n"), metrics);
      assertTrue(metrics.contains("llmsim:keepalive_closes_total{" + labels + ",reason=\"max_requests\"} 1\n"),
          metrics);
      assertTrue(metrics.contains("llmsim:keepalive_closes_total{" + labels + ",reason=\"stale_fault\"} 0\n"),
          metrics);
    }
  }
}

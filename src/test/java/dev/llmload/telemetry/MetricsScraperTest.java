package dev.llmload.telemetry;

import static dev.llmload.telemetry.PrometheusTextTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MetricsScraperTest {

  private static final Duration FAST = Duration.ofMillis(20);
  private static final long WAIT_SECONDS = 10;

  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicReference<String> body = new AtomicReference<>(fixture("vllm-v1.txt"));
  private final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final BlockingQueue<ServerSnapshot> snapshots = new LinkedBlockingQueue<>();
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final CountDownLatch saidOnce = new CountDownLatch(1);

  private URI serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", this::answer);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(authorization == null ? "" : authorization);
    byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status.get(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private MetricsScraper scraper(URI url, Duration interval) {
    return new MetricsScraper(url, interval, Duration.ofSeconds(2), Optional.of("sk-test"), snapshots::add,
        message -> {
          said.add(message);
          saidOnce.countDown();
        });
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void handsOnSnapshotsAndSendsTheKey() throws Exception {
    try (MetricsScraper scraper = scraper(serve(), FAST).start()) {
      long before = System.nanoTime();
      ServerSnapshot first = snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      ServerSnapshot second = snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(ServerKind.VLLM, first.kind());
      assertEquals(22.0, first.running(), 1e-9);
      assertTrue(second.atNanos() > first.atNanos());
      assertTrue(first.atNanos() >= before);
      assertEquals("Bearer sk-test", authorizations.take());
      assertEquals(0, scraper.failures());
      assertEquals(List.of(), said);
    }
  }

  @Test
  void a404OnTheFirstScrapeIsSaidOnceAndStopsScraping() throws Exception {
    status.set(404);
    URI url = serve();
    try (MetricsScraper scraper = scraper(url, FAST).start()) {
      assertTrue(scraper.awaitEnd(Duration.ofSeconds(WAIT_SECONDS)));
      assertEquals(List.of("no Prometheus metrics at " + url + " (HTTP 404): the run goes on without server metrics;"
          + " set llm.telemetry.metricsUrl if they are elsewhere"), said);
      assertEquals(1, requests.get());
      assertEquals(0, scraper.failures());
    }
  }

  @Test
  void aRefusedConnectionOnTheFirstScrapeStopsScraping() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (MetricsScraper scraper = scraper(URI.create("http://127.0.0.1:" + port + "/metrics"), FAST).start()) {
      assertTrue(scraper.awaitEnd(Duration.ofSeconds(WAIT_SECONDS)));
      assertEquals(1, said.size());
      assertTrue(said.get(0).contains("(connection refused)"), said.get(0));
    }
  }

  @Test
  void garbageIsSaidOnceAndScrapingGoesOn() throws Exception {
    body.set("<!doctype html>\n<html><body>hello</body></html>\n");
    try (MetricsScraper scraper = scraper(serve(), FAST).start()) {
      assertTrue(saidOnce.await(WAIT_SECONDS, TimeUnit.SECONDS));
      for (int i = 0; i < 3; i++) {
        authorizations.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      }
      authorizations.clear();
      assertTrue(authorizations.poll(WAIT_SECONDS, TimeUnit.SECONDS) != null, "scraping goes on");
      assertEquals(1, said.size());
      assertTrue(said.get(0).contains("holds no metric of vLLM, SGLang, TGI or llama.cpp (no Prometheus sample)"),
          said.get(0));
      assertEquals(0, snapshots.size());
    }
  }

  @Test
  void laterFailuresAreCountedSaidOnceAndScrapingGoesOn() throws Exception {
    try (MetricsScraper scraper = scraper(serve(), FAST).start()) {
      snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      status.set(503);
      assertTrue(saidOnce.await(WAIT_SECONDS, TimeUnit.SECONDS));
      authorizations.clear();
      for (int i = 0; i < 3; i++) {
        authorizations.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      }
      status.set(200);
      snapshots.clear();
      assertTrue(snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS) != null, "scraping went on");
      assertTrue(scraper.failures() >= 2, "failures " + scraper.failures());
      assertEquals(1, said.size());
      assertTrue(said.get(0).contains("failed (HTTP 503): scraping goes on"), said.get(0));
    }
  }

  @Test
  void aServerGoingAwayMidRunIsCountedNotFatal() throws Exception {
    try (MetricsScraper scraper = scraper(serve(), FAST).start()) {
      assertTrue(snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS) != null);
      server.stop(0);
      server = null;
      assertTrue(saidOnce.await(WAIT_SECONDS, TimeUnit.SECONDS));
      assertTrue(scraper.failures() >= 1);
      assertTrue(said.get(0).startsWith("scraping server metrics at "), said.get(0));
      assertEquals(false, scraper.awaitEnd(Duration.ofMillis(1)), "still scraping");
    }
  }

  @Test
  void closeStopsPromptlyEvenBetweenSlowScrapes() throws Exception {
    MetricsScraper scraper = scraper(serve(), Duration.ofSeconds(60)).start();
    assertTrue(snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS) != null);
    long start = System.nanoTime();
    scraper.close();
    assertTrue(scraper.awaitEnd(Duration.ofSeconds(1)));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    scraper.close();
  }

  @Test
  void derivesTheMetricsUrlFromTheApiBase() {
    assertEquals(URI.create("http://h:8000/metrics"), MetricsScraper.metricsUrl(URI.create("http://h:8000/v1")));
    assertEquals(URI.create("http://h:8000/metrics"), MetricsScraper.metricsUrl(URI.create("http://h:8000/v1/")));
    assertEquals(URI.create("http://h:8000/metrics"), MetricsScraper.metricsUrl(URI.create("http://h:8000")));
    assertEquals(URI.create("http://h:8000/metrics"), MetricsScraper.metricsUrl(URI.create("http://h:8000/")));
    assertEquals(URI.create("https://u@h/proxy/metrics"),
        MetricsScraper.metricsUrl(URI.create("https://u@h/proxy/v1?x=1")));
  }

  @Test
  void theDefaultTimeoutIsTheIntervalUpToTwoSeconds() {
    assertEquals(Duration.ofMillis(500), MetricsScraper.defaultTimeout(Duration.ofMillis(500)));
    assertEquals(Duration.ofSeconds(2), MetricsScraper.defaultTimeout(Duration.ofSeconds(5)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MetricsScraper.defaultTimeout(Duration.ZERO));
    assertEquals("interval must be at least 1 ms, was 0 ms", e.getMessage());
  }

  @Test
  void scrapesTheEmbeddedSimulatorWithEveryFieldAtTheUrlDerivedFromItsBase() throws Exception {
    try (dev.llmload.server.SimulatedServer simulator =
        dev.llmload.server.SimulatedServer.start(dev.llmload.server.TestServers.quick());
        MetricsScraper scraper = new MetricsScraper(MetricsScraper.metricsUrl(URI.create(simulator.baseUrl())), FAST,
            Duration.ofSeconds(2), Optional.empty(), snapshots::add, said::add).start()) {
      ServerSnapshot snapshot = snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(ServerKind.VLLM, snapshot.kind());
      assertEquals(12, snapshot.values().size(), "every field: " + snapshot.values().keySet());
      assertEquals(List.of(), said);
    }
  }
}

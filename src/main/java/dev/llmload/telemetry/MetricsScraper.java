package dev.llmload.telemetry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Scrapes a server's Prometheus {@code /metrics} every {@code interval} on a daemon thread of its own, and hands each
 * {@link ServerSnapshot} to a consumer as it arrives. Nothing it meets stops the run: what goes wrong is said once,
 * in one sentence, through the {@code said} consumer.
 *
 * <ul>
 *   <li>On the first scrape, HTTP 404 or 405 (no {@code /metrics} there), 401 or 403 (the key is refused) or a
 *       refused connection: said once, and scraping stops - these do not heal by asking again.</li>
 *   <li>Any later failure (a status other than 200, a timeout, a dropped connection): counted in {@link
 *       #failures()}, said once when failures first start, and scraping goes on.</li>
 *   <li>A body holding no metric of a known server ({@link ServerKind}): said once; no snapshot is handed on.</li>
 * </ul>
 *
 * <p>Scrapes keep a fixed rate; one that overruns its slot is followed by the next at once, never by a burst. Each
 * snapshot is stamped {@link System#nanoTime()} when its answer arrived. Both consumers are called on the scraper's
 * thread, one call at a time. {@link #close()} stops the thread promptly (an answer in flight is abandoned).
 *
 * <pre>{@code
 * try (MetricsScraper scraper = new MetricsScraper(MetricsScraper.metricsUrl(baseUrl), Duration.ofSeconds(1),
 *     MetricsScraper.defaultTimeout(Duration.ofSeconds(1)), apiKey, log::write, console::say).start()) {
 *   ... the run ...
 * }
 * }</pre>
 */
public final class MetricsScraper implements AutoCloseable {

  /** Scrape every second unless told otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final URI url;
  private final Duration interval;
  private final Duration timeout;
  private final Optional<String> bearer;
  private final Consumer<ServerSnapshot> snapshots;
  private final Consumer<String> said;
  private final HttpClient client;
  private final Thread thread;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong scrapes = new AtomicLong();
  private boolean answeredOnce;
  private boolean saidFailures;
  private boolean saidUnknown;
  private boolean saidConsumerFailure;

  /**
   * @param url where the metrics are (see {@link #metricsUrl(URI)})
   * @param interval time between scrapes, at least 1 ms
   * @param timeout how long one scrape may take, at least 1 ms (see {@link #defaultTimeout(Duration)})
   * @param bearer an API key sent as {@code Authorization: Bearer}, if any
   * @param snapshots where each snapshot goes
   * @param said where the one-sentence notices go
   */
  public MetricsScraper(URI url, Duration interval, Duration timeout, Optional<String> bearer,
      Consumer<ServerSnapshot> snapshots, Consumer<String> said) {
    this.url = Objects.requireNonNull(url, "url");
    this.interval = positive(interval, "interval");
    this.timeout = positive(timeout, "timeout");
    this.bearer = Objects.requireNonNull(bearer, "bearer");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.said = Objects.requireNonNull(said, "said");
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    this.thread = new Thread(this::loop, "llm-metrics-scraper");
    this.thread.setDaemon(true);
  }

  /** The same with {@link #defaultTimeout(Duration)}. */
  public MetricsScraper(URI url, Duration interval, Optional<String> bearer, Consumer<ServerSnapshot> snapshots,
      Consumer<String> said) {
    this(url, interval, defaultTimeout(interval), bearer, snapshots, said);
  }

  /** The interval, but no more than 2 s: a scrape never outlives its slot, nor waits long on a stalled server. */
  public static Duration defaultTimeout(Duration interval) {
    positive(interval, "interval");
    return interval.compareTo(MAX_DEFAULT_TIMEOUT) < 0 ? interval : MAX_DEFAULT_TIMEOUT;
  }

  /**
   * Where a server whose API is at {@code baseUrl} keeps its metrics: the same scheme, host and port, the path with
   * a trailing {@code /v1} (the OpenAI API path) dropped, then {@code /metrics}. {@code http://h:8000/v1} gives
   * {@code http://h:8000/metrics}; {@code http://h/proxy/v1/} gives {@code http://h/proxy/metrics}.
   */
  public static URI metricsUrl(URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/v1")) {
      path = path.substring(0, path.length() - "/v1".length());
    }
    try {
      return new URI(baseUrl.getScheme(), baseUrl.getRawAuthority(), path + "/metrics", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot derive a metrics URL from " + baseUrl + ": " + e.getMessage(), e);
    }
  }

  /** Starts scraping; returns this. */
  public MetricsScraper start() {
    thread.start();
    return this;
  }

  /** Scrapes that failed after the first answer (their count, not said each time). */
  public long failures() {
    return failures.get();
  }

  /** Scrapes that answered 200, whatever their body. */
  public long scrapes() {
    return scrapes.get();
  }

  /** The URL scraped. */
  public URI url() {
    return url;
  }

  /** Waits until the scraper's thread has ended (closed, or gave up on the first scrape); whether it did. */
  public boolean awaitEnd(Duration wait) throws InterruptedException {
    return ended.await(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops scraping and waits briefly for the thread to end. Idempotent. */
  @Override
  public void close() {
    closed.countDown();
    if (thread.isAlive() && thread != Thread.currentThread()) {
      thread.interrupt();
      try {
        thread.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    try {
      long next = System.nanoTime();
      while (closed.getCount() > 0) {
        if (!scrapeOnce()) {
          return;
        }
        next += interval.toNanos();
        long now = System.nanoTime();
        if (next < now) {
          next = now;
        }
        if (closed.await(next - now, TimeUnit.NANOSECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts a scrape in flight: the end, not a failure.
    } finally {
      ended.countDown();
    }
  }

  /** One scrape; {@code false} when scraping should stop. */
  private boolean scrapeOnce() throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET()
        .header("Accept", "text/plain");
    bearer.ifPresent(key -> request.header("Authorization", "Bearer " + key));
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (closed.getCount() == 0) {
        return false;
      }
      return failed(describe(e), isRefused(e));
    }
    long atNanos = System.nanoTime();
    int status = response.statusCode();
    if (status != 200) {
      boolean hopeless = status == 404 || status == 405 || status == 401 || status == 403;
      return failed("HTTP " + status + (status == 401 || status == 403 ? ", the API key was refused" : ""), hopeless);
    }
    answeredOnce = true;
    scrapes.incrementAndGet();
    PrometheusText.Parsed parsed = PrometheusText.parse(response.body());
    ServerSnapshot snapshot = ServerMetricsNormalizer.normalize(parsed.samples(), atNanos);
    if (snapshot.isEmpty()) {
      if (!saidUnknown) {
        saidUnknown = true;
        said.accept("the answer at " + url + " holds no metric of vLLM, SGLang, TGI or llama.cpp ("
            + (parsed.hasSamples() ? parsed.samples().size() + " samples of other names" : "no Prometheus sample")
            + "): the run goes on without server metrics; set llm.telemetry.metricsUrl if they are elsewhere");
      }
      return true;
    }
    try {
      snapshots.accept(snapshot);
    } catch (RuntimeException e) {
      if (!saidConsumerFailure) {
        saidConsumerFailure = true;
        said.accept("server metrics from " + url + " could not be kept (" + e + "): scraping goes on");
      }
    }
    return true;
  }

  private boolean failed(String reason, boolean hopelessOnFirst) {
    if (!answeredOnce && hopelessOnFirst) {
      said.accept("no Prometheus metrics at " + url + " (" + reason
          + "): the run goes on without server metrics; set llm.telemetry.metricsUrl if they are elsewhere");
      return false;
    }
    failures.incrementAndGet();
    if (!saidFailures) {
      saidFailures = true;
      said.accept("scraping server metrics at " + url + " failed (" + reason
          + "): scraping goes on, and failed scrapes are counted");
    }
    return true;
  }

  private static boolean isRefused(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException && !(t instanceof HttpConnectTimeoutException)) {
        return true;
      }
    }
    return false;
  }

  private String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + timeout.toMillis() + " ms";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    if (isRefused(e)) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value.toMillis() + " ms");
    }
    return value;
  }
}

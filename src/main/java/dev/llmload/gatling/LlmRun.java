package dev.llmload.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;

import dev.llmload.config.LlmSettings;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.metrics.RunAggregator;
import dev.llmload.openai.ModelCatalog;
import dev.llmload.openai.RequestBodies;
import dev.llmload.openai.ServerProbe;
import dev.llmload.openai.ServerQuirks;
import dev.llmload.openai.TargetException;
import dev.llmload.openai.TransportFailure;
import dev.llmload.gatling.internal.InjectionAnchor;
import dev.llmload.gatling.internal.SseInternals;
import dev.llmload.gatling.internal.TimedSseConnect;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.RequestInfo;
import dev.llmload.report.RequestLog;
import dev.llmload.report.RunClock;
import dev.llmload.report.ReportWriter;
import dev.llmload.report.RunDirectory;
import dev.llmload.report.RunManifest;
import dev.llmload.report.RunSummary;
import dev.llmload.report.TargetInfo;
import dev.llmload.server.ServerSettings;
import dev.llmload.server.ServerTls;
import dev.llmload.server.SimulatedServer;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.SseConnectActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run of a simulation: starts the embedded server when no target is configured, checks the target before
 * any load ({@link #start()}, from the simulation's {@code before()}), supplies the Gatling pieces (protocol,
 * streamed-request chain, injection steps), and writes the reports ({@link #finish()}, from {@code after()}).
 */
public final class LlmRun {

  /** Gatling's report rows: the SSE connect row is send to response headers, not TTFT. */
  static final String CONNECT_ROW = "time to headers (send -> response headers)";
  static final String STREAM_ROW = "stream (headers -> [DONE])";
  private static final String TRACKER = "llm.tracker";
  private static final String FAILED = "llm.failed";
  private static final String SSE_NAME = "llm";
  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(30);

  private final String simulation;
  private final LlmSettings settings;
  private final LevelSchedule schedule;
  private final ConsoleReporter console = ConsoleReporter.stdout();
  private volatile SimulatedServer server;
  private volatile URI baseUrl;
  private volatile String model;
  private volatile String requestUrl;
  private volatile String body;
  private volatile RunDirectory runDirectory;
  private volatile RunRecorder recorder;
  private volatile RequestLog requestLog;
  private volatile OffsetDateTime startedAt;
  private volatile RunManifest manifest;
  private volatile ServerQuirks quirks;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final OpenRequests openRequests = new OpenRequests();
  private volatile TimedSseConnect timedConnect;
  private Consumer<RequestRecord> recordListener = r -> {};

  public LlmRun(String simulation, LlmSettings settings, LevelSchedule schedule) {
    this.simulation = simulation;
    this.settings = settings;
    this.schedule = schedule;
  }

  /** The embedded server, when the run started one. */
  public Optional<SimulatedServer> server() {
    return Optional.ofNullable(server);
  }

  public RunRecorder recorder() {
    return recorder;
  }

  /** Receives every record on the recorder thread; set before {@link #start()}. */
  public void onRecord(Consumer<RequestRecord> listener) {
    this.recordListener = listener;
  }

  /**
   * Before any load: start the embedded server or reach the configured one, pick the model, open the run
   * folder. A target that cannot be used throws {@link TargetException} with one sentence for the user.
   */
  public void start() {
    GatlingSelfCheck.verify();
    startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    baseUrl = startOrLocateTarget();
    preflight();
    body = RequestBodies.streaming(settings.target().api(), model, settings.request().prompt(), settings.request());
    openRunFolder();
    Runtime.getRuntime().addShutdownHook(new Thread(this::finishIfStopped, "llm-partial-report"));
    settings.target().apiKey().ifPresent(k -> console.info("sending the API key from " + k.source() + " (never written anywhere)"));
    console.info("model " + model + " at " + requestUrl + "; " + schedule.levels().size() + " levels, "
        + schedule.totalDuration().toSeconds() + " s; results in " + runDirectory.path());
  }

  private URI startOrLocateTarget() {
    if (!settings.target().embedded()) {
      return settings.target().baseUrl().orElseThrow();
    }
    server = SimulatedServer.start(ServerSettings.fromConfig(settings.server()), ServerTls.fromConfig(settings.server()));
    console.info("no llm.target.baseUrl set: started the embedded simulated server at " + server.baseUrl() + " (preset "
        + server.settings().preset() + ")");
    return URI.create(server.baseUrl());
  }

  /** The model list picks the model; the probe request finds refusals and how the server streams. */
  private void preflight() {
    if (settings.target().tls().insecure()) {
      console.info("WARNING: llm.target.insecureTls=true: the target's certificate is not checked");
    }
    List<String> served = ModelCatalog.fetch(baseUrl, settings.target().apiKey(), settings.target().tls(), PREFLIGHT_TIMEOUT);
    model = ModelCatalog.choose(settings.target().model(), served, baseUrl);
    requestUrl = baseUrl + settings.target().api().path();
    Duration probeTimeout = settings.timeouts().request().compareTo(PREFLIGHT_TIMEOUT) < 0 ? settings.timeouts().request() : PREFLIGHT_TIMEOUT;
    ServerProbe.Result probe = ServerProbe.probe(baseUrl, settings.target().api(), model, settings.request(), settings.target().apiKey(),
        settings.target().tls(), probeTimeout);
    quirks = probe.quirks();
    console.info(quirks != null ? "server: " + ServerProbe.describe(quirks) : "WARNING: " + probe.warning() + " (the run goes on)");
  }

  /** The run folder with run.json and an open requests.jsonl, and the recorder that appends to it. */
  private void openRunFolder() {
    runDirectory = RunDirectory.create(settings.report().dir(), simulation, LocalDateTime.now());
    manifest = RunManifest.of(simulation, runDirectory.runId(), startedAt.toString(),
        new TargetInfo(baseUrl.toString(), model, settings.target().api().configName(), server != null,
            server == null ? null : server.settings().preset()),
        new RequestInfo(settings.request().maxTokens(), settings.request().ignoreEos(), settings.request().prompt().length()),
        schedule, GatlingReportLink.LINK_NAME + "/index.html", quirks);
    try {
      manifest.write(runDirectory.path());
      requestLog = new RequestLog(runDirectory.file(RequestLog.FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run folder " + runDirectory.path(), e);
    }
    recorder = new RunRecorder(schedule, requestLog, console, baseUrl.toString(), "r-");
    recorder.onRecord(recordListener);
  }

  /**
   * The instant Gatling starts injecting: the run clock's zero. Called on Gatling's injector thread; run.json gets
   * the anchor off that thread.
   */
  private void onInjectionStart() {
    RunRecorder r = recorder;
    if (r == null) {
      return; // before() did not start the run (a test building the simulation only)
    }
    r.anchorAtInjectionStart();
    RunManifest anchored = manifest.withRunClock(RunClock.of(r.anchorEpochMillis(), r.anchoredAtInjection()));
    manifest = anchored;
    CompletableFuture.runAsync(() -> {
      try {
        anchored.write(runDirectory.path());
      } catch (IOException e) {
        console.error("cannot rewrite " + RunManifest.FILE_NAME + " with the run clock: " + e.getMessage());
      }
    });
  }

  /**
   * {@code population}, with the run clock anchored at its injection start and its closed-workload batches followed:
   * every simulation's population must go through here (or {@link #closedPopulation}), or the clock starts at the
   * first send and levels follow from send times alone.
   */
  public PopulationBuilder anchored(PopulationBuilder population) {
    return InjectionAnchor.anchored(population, new InjectionAnchor.Listener() {
      @Override
      public void onInjectionStart() {
        LlmRun.this.onInjectionStart();
      }

      @Override
      public void onClosedBatch(int batch) {
        RunRecorder r = recorder;
        if (r != null) {
          r.onClosedBatch(batch);
        }
      }
    });
  }

  /** The closed workload of the level schedule: one streamed request per virtual user, anchored, with the protocol. */
  public PopulationBuilder closedPopulation(String scenarioName) {
    return anchored(scenario(scenarioName).exec(streamedRequest()).injectClosed(closedInjection())).protocols(httpProtocol());
  }

  /** The HTTP protocol: connections shared across virtual users (one request per user), no warm-up request. */
  public HttpProtocolBuilder httpProtocol() {
    return http.disableWarmUp().shareConnections().acceptHeader("text/event-stream").contentTypeHeader("application/json");
  }

  /**
   * One streamed request, measured: stamp the send, start the watchdog (headers, idle), stream until {@code [DONE]},
   * hand the times and any transport failure to the recorder, pause after a failure.
   */
  public ChainBuilder streamedRequest() {
    SseConnectActionBuilder connect = sse(CONNECT_ROW).sseName(SSE_NAME)
        .post(session -> requestUrl)
        .header("X-Request-Id", session -> tracker(session).requestId());
    if (settings.target().apiKey().isPresent()) {
      String authorization = "Bearer " + settings.target().apiKey().get().reveal();
      connect = connect.header("Authorization", session -> authorization);
    }
    Duration headers = settings.timeouts().headers();
    Duration idle = settings.timeouts().idle();
    connect = connect.body(StringBody(session -> body))
        .sign((request, session) -> {
          tracker(session).onWrite();
          return request;
        });
    connect = connect.await(settings.timeouts().request().plusSeconds(1)).on(
        sse.checkMessage(STREAM_ROW).matching(
            bodyString().transformWithSession((message, session) -> tracker(session).onMessage(message)).is(true)));
    Duration pause = settings.request().pauseAfterError();
    TimedSseConnect timedConnect = new TimedSseConnect(connect, settings.timeouts().request(),
        (session, fsm) -> StreamWatchdog.watch(tracker(session), fsm, session.asScala().eventLoop(), headers, idle), openRequests,
        settings.http().keepAliveIdle());
    this.timedConnect = timedConnect;
    return exec(session -> {
          StreamTracker t = recorder.begin();
          openRequests.add(t);
          return session.set(TRACKER, t);
        })
        .exec(timedConnect)
        .exec(session -> {
          StreamTracker t = tracker(session);
          openRequests.remove(t);
          TransportFailure failure = session.isFailed() ? transportFailure(session, t.count() > 0 ? CrashMessages.Progress.MESSAGES
              : t.headersNanos() >= 0 ? CrashMessages.Progress.HEADERS : CrashMessages.Progress.NOTHING) : null;
          if (failure != null && failure.httpStatus() >= 400) {
            // Gatling failed the request on the status line; the body is read right after this action returns
            session.asScala().eventLoop().execute(
                () -> recorder.complete(t, withErrorBody(failure, timedConnect.takeErrorBody(t.requestId()))));
          } else {
            recorder.complete(t, failure);
          }
          return session.remove(TRACKER).set(FAILED, failure != null).markAsSucceeded();
        })
        .doIf(session -> session.getBoolean(FAILED) && !pause.isZero()).then(pause(pause));
  }

  private TransportFailure transportFailure(Session session, CrashMessages.Progress progress) {
    Object fsm = session.contains(SSE_NAME) ? session.get(SSE_NAME) : null;
    String crash = fsm == null ? null : SseInternals.crashMessage(fsm).orElse(null);
    if (crash == null) {
      return new TransportFailure("transport_error", "the request failed (Gatling gave no reason)", -1);
    }
    return CrashMessages.parse(crash, "llm.timeouts.request (" + settings.timeouts().request().toSeconds() + " s)", progress);
  }

  /** An HTTP error's message, with the start of the body the server sent (when it came with the headers). */
  static TransportFailure withErrorBody(TransportFailure failure, String body) {
    if (body == null || failure.httpStatus() < 400) {
      return failure;
    }
    return new TransportFailure(failure.kind(), failure.message() + ": " + body, failure.httpStatus());
  }

  private static StreamTracker tracker(Session session) {
    return session.get(TRACKER);
  }

  /** A closed workload: each level holds its concurrency for its warmup plus measured time. */
  public ClosedInjectionStep[] closedInjection() {
    return schedule.levels().stream()
        .map(l -> constantConcurrentUsers((int) l.value()).during(l.total()))
        .toArray(ClosedInjectionStep[]::new);
  }

  /** After the last user: record what was measured, write summary.json, summary.csv and index.html. */
  public RunSummary finish() {
    if (recorder == null || !finished.compareAndSet(false, true)) {
      return null;
    }
    try {
      RunSummary summary = writeReports(null);
      GatlingReportLink.linkOnExit(runDirectory.path(), simulation, startedAt);
      return summary;
    } finally {
      TimedSseConnect c = timedConnect;
      if (c != null) {
        c.close();
      }
      stopServer();
    }
  }

  /**
   * The JVM is going down (Ctrl-C, SIGTERM) before {@link #finish()}: write the report of what was measured so
   * far, marked partial. Requests still in flight are not waited for.
   */
  private void finishIfStopped() {
    if (recorder == null || !finished.compareAndSet(false, true)) {
      return;
    }
    long stopMicros = recorder.anchorNanos() == Long.MIN_VALUE ? 0 : (System.nanoTime() - recorder.anchorNanos()) / 1_000;
    try {
      writeReports(String.format(java.util.Locale.ROOT, "stopped %.1f s into the run, before its schedule ended (%d requests were in flight)",
          stopMicros / 1e6, recorder.inFlight()));
    } catch (RuntimeException e) {
      console.error("could not write the partial report: " + e.getMessage() + "; " + RequestLog.FILE_NAME + " in "
          + runDirectory.path() + " keeps every finished request");
    }
  }

  private RunSummary writeReports(String partialReason) {
    try {
      RunAggregator aggregator = recorder.finish(Duration.ofSeconds(partialReason == null ? 30 : 5));
      requestLog.close();
      long stopMicros = recorder.anchorNanos() == Long.MIN_VALUE ? 0 : (System.nanoTime() - recorder.anchorNanos()) / 1_000;
      RunSummary summary = manifest.summary(aggregator, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), stopMicros,
          partialReason, aggregator.serverWentAway().stream().toList());
      RunManifest.writeReports(summary, runDirectory.path());
      console.table(summary);
      console.info("report: " + runDirectory.file("index.html").toAbsolutePath());
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report in " + runDirectory.path(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the report", e);
    }
  }

  /** Stops the embedded server, if any. */
  public void stopServer() {
    SimulatedServer s = server;
    if (s != null) {
      s.close();
    }
  }

  /** The report folder path, for messages. */
  public Path reportPath() {
    return runDirectory == null ? null : runDirectory.path();
  }

  /** The levels, for simulations that build their own injection. */
  public List<LoadLevel> levels() {
    return schedule.levels();
  }
}

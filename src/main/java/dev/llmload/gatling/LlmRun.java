package dev.llmload.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.llmload.config.LlmSettings;
import dev.llmload.gatling.internal.InjectionAnchor;
import dev.llmload.gatling.internal.OpenInjection;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.openai.TargetException;
import dev.llmload.recording.RunRecorder;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.RunSummary;
import dev.llmload.run.ReplicaBalancer;
import dev.llmload.run.RunOutputs;
import dev.llmload.run.Target;
import dev.llmload.server.SimulatedServer;
import dev.llmload.workload.ArrivalPlan;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.tokens.TokenCounters;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.Workload;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of a simulation, what a simulation class holds: the workload turned into Gatling's population
 * ({@link #population()}, in the simulation's constructor), the target checked and the run folder opened before any
 * load ({@link #start()}, from {@code before()}), the reports written after the last user ({@link #finish()}, from
 * {@code after()}). The pieces: {@link Target} (server and preflight), {@link StreamedRequest} (the measured chain),
 * {@link RunOutputs} (folder, recorder, reports).
 */
public final class LlmRun {

  private final String simulation;
  private final LlmSettings settings;
  private final Workload workload;
  private final ConsoleReporter console = ConsoleReporter.stdout();
  /** Raises the event loops' priority when {@code llm.http.realtimeEventLoops} asks for it; null otherwise. */
  private RealtimeEventLoops realtime;
  private final StreamedRequest streamedRequest;
  private volatile Target target;
  private volatile RunOutputs outputs;
  private volatile StreamedRequest.Started started;
  private volatile OffsetDateTime startedAt;
  private Consumer<RequestRecord> recordListener = r -> {};
  private volatile RunSummary finished;

  public LlmRun(String simulation, LlmSettings settings, Workload workload) {
    this.simulation = simulation;
    this.settings = settings;
    this.workload = workload;
    this.streamedRequest = new StreamedRequest(settings, workload, () -> started);
  }

  /** The embedded server, when the run started one. */
  public Optional<SimulatedServer> server() {
    return target == null ? Optional.empty() : target.embedded();
  }

  /** Every embedded server the run started (its replicas, in order); empty for a real target. */
  public List<SimulatedServer> servers() {
    return target == null ? List.of() : target.servers();
  }

  public RunRecorder recorder() {
    return outputs == null ? null : outputs.recorder();
  }

  public Workload workload() {
    return workload;
  }

  /** Receives every record on the recorder thread; set before {@link #start()}. */
  public void onRecord(Consumer<RequestRecord> listener) {
    this.recordListener = listener;
  }

  /**
   * Before any load: Gatling's internals are in place, the target is up and answers, the run folder is open. A target
   * that cannot be used throws {@link TargetException} with one sentence for the user.
   */
  public void start() {
    GatlingSelfCheck.verify();
    startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    target = Target.prepare(settings, console);
    Preparation preparation = prepareRequests(target);
    outputs = RunOutputs.open(settings, simulation, startedAt, target, workload.schedule(), GatlingReportLink.LINK_NAME + "/index.html", console,
        recordListener, preparation);
    if (workload instanceof Workload.Closed closed && closed.maxRequests() > 0) {
      outputs.recorder().stopAfterRequests(closed.maxRequests());
    }
    ReplicaBalancer replicas = new ReplicaBalancer(target.baseUrls(), settings.target().api().path(), settings.target().balancing());
    dev.llmload.telemetry.RunTelemetry telemetry = dev.llmload.telemetry.RunTelemetry.start(settings.telemetry(), target.baseUrls(),
        settings.target().apiKey().map(dev.llmload.config.Secret::reveal), outputs.folder(), console::info);
    outputs.readTelemetry(telemetry);
    java.util.function.Consumer<java.util.concurrent.Executor> eventLoops = telemetry == null ? loop -> {} : telemetry::register;
    if (settings.http().realtimeEventLoops()) {
      realtime = new RealtimeEventLoops(console::info);
      eventLoops = eventLoops.andThen(realtime);
    }
    started = new StreamedRequest.Started(target.model(), outputs.recorder(), replicas, eventLoops);
    settings.target().apiKey().ifPresent(k -> console.info("sending the API key from " + k.source() + " (never written anywhere)"));
    LevelSchedule schedule = workload.schedule();
    console.info("model " + target.model() + " at " + where(target, replicas) + "; " + workload.scenario() + ", " + schedule.levels().size()
        + (schedule.levels().size() == 1 ? " level, " : " levels, ") + schedule.totalDuration().toSeconds() + " s; results in " + outputs.folder());
  }

  /**
   * The request source prepared for the target, before any load: it may count tokens (the counter is chosen on first
   * use, the server's tokenizer or the estimate) to meet the lengths it was asked for.
   */
  private Preparation prepareRequests(Target t) {
    Preparation preparation = new Preparation(settings.target().api(), t.model(), () -> TokenCounters.choose(settings.request().tokenizer(),
        t.baseUrl(), t.model(), settings.target().apiKey(), settings.target().tls(), console::info), console::info);
    workload.requests().prepare(preparation);
    return preparation;
  }

  /** The workload as Gatling's population: one measured request per virtual user, with the HTTP protocol. */
  public PopulationBuilder population() {
    PopulationBuilder population;
    if (workload instanceof Workload.Open open) {
      population = openPopulation(workload.scenario(), () -> new ArrivalPlan(open.schedule(), open.arrivals(), open.maxRequests()));
    } else if (workload instanceof Workload.RateSweep sweep) {
      // each population carries the protocol: a child does not inherit its parent's
      population = closedPopulation(sweep.scenario() + " (measuring)")
          .andThen(openPopulation(sweep.scenario() + " (rates)", () -> ratesAfterMeasuring(sweep)).protocols(httpProtocol()));
    } else {
      population = closedPopulation(workload.scenario());
    }
    return population.protocols(httpProtocol());
  }

  private PopulationBuilder closedPopulation(String name) {
    return InjectionAnchor.anchored(scenario(name).exec(streamedRequest.chain(false)).injectClosed(closedInjection()), injectionListener());
  }

  /** The open profile replaces Gatling's: {@code atOnceUsers(1)} only makes the population. */
  private PopulationBuilder openPopulation(String name, java.util.function.Supplier<ArrivalPlan> plan) {
    ScenarioBuilder scenario = scenario(name).exec(streamedRequest.chain(true));
    return OpenInjection.population(scenario.injectOpen(atOnceUsers(1)), plan, streamedRequest.tickets(), injectionListener());
  }

  /**
   * When a rate sweep's measuring phases are over: the rates between the synchronous and the saturated rate, added to
   * the schedule from now on; no arrival when the run was stopped or the server did not get faster with load.
   */
  private ArrivalPlan ratesAfterMeasuring(Workload.RateSweep sweep) {
    RunRecorder recorder = outputs.recorder();
    LevelSchedule measured = recorder.schedule();
    if (recorder.stopRequested()) {
      return new ArrivalPlan(measured, sweep.arrivals(), 0, measured.levels().size());
    }
    double synchronous;
    double saturated;
    try {
      synchronous = recorder.settledSummary(0, java.time.Duration.ofSeconds(30)).requestsPerSecond();
      saturated = recorder.settledSummary(1, java.time.Duration.ofSeconds(30)).requestsPerSecond();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ArrivalPlan(measured, sweep.arrivals(), 0, measured.levels().size());
    }
    List<LoadLevel> rates = sweep.rateLevels(synchronous, saturated);
    if (rates.isEmpty()) {
      console.info(String.format(java.util.Locale.ROOT, "rate sweep: synchronous %.2f requests/s, throughput %.2f requests/s: no rate "
          + "between them to run (the server did not get faster with load)", synchronous, saturated));
      return new ArrivalPlan(measured, sweep.arrivals(), 0, measured.levels().size());
    }
    long startMicros = (System.nanoTime() - recorder.anchorNanos()) / 1_000 + 100_000; // the first arrival not already late
    LevelSchedule extended = measured.extendedBy(rates, startMicros);
    outputs.extendSchedule(extended);
    console.info(String.format(java.util.Locale.ROOT, "rate sweep: synchronous %.2f requests/s, throughput %.2f requests/s; rates %s",
        synchronous, saturated, rates.stream().map(LoadLevel::label).toList()));
    return new ArrivalPlan(extended, sweep.arrivals(), 0, measured.levels().size());
  }

  private InjectionAnchor.Listener injectionListener() {
    return new InjectionAnchor.Listener() {
      @Override
      public void onInjectionStart(long nanoTime, long epochMillis) {
        RunOutputs o = outputs;
        if (o != null) {
          o.recorder().anchorAtInjectionStart(nanoTime, epochMillis);
          o.recordRunClock();
        }
      }

      @Override
      public long runAnchorNanos() {
        RunOutputs o = outputs;
        return o == null ? Long.MIN_VALUE : o.recorder().anchorNanos();
      }

      @Override
      public boolean stopRequested() {
        RunOutputs o = outputs;
        return o != null && o.recorder().stopRequested();
      }

      @Override
      public void onClosedBatch(int batch) {
        RunOutputs o = outputs;
        if (o != null) {
          o.recorder().onClosedBatch(batch);
        }
      }
    };
  }

  /** Each closed level holds its users for its warmup plus measured time. */
  private ClosedInjectionStep[] closedInjection() {
    return workload.schedule().levels().stream()
        .map(l -> constantConcurrentUsers(l.users()).during(l.total()))
        .toArray(ClosedInjectionStep[]::new);
  }

  /** Where the requests go: the request URL, or the replicas and the rule that spreads requests over them. */
  private static String where(Target target, ReplicaBalancer replicas) {
    if (replicas.replicas().size() == 1) {
      return target.requestUrl();
    }
    return replicas.replicas().size() + " replicas (" + replicas.rule().configName() + ") " + replicas.replicas().stream()
        .map(ReplicaBalancer.Replica::requestUrl).collect(java.util.stream.Collectors.joining(", "));
  }

  /** The HTTP protocol: connections shared across virtual users (one request per user), no warm-up request. */
  private static HttpProtocolBuilder httpProtocol() {
    return http.disableWarmUp().shareConnections().acceptHeader("text/event-stream").contentTypeHeader("application/json");
  }

  /** After the last user: record what was measured, write summary.json, summary.csv and index.html. */
  public RunSummary finish() {
    if (outputs == null) {
      return null;
    }
    try {
      RunSummary summary = outputs.finish();
      finished = summary;
      if (summary != null) {
        GatlingReportLink.linkOnExit(outputs.folder(), simulation, startedAt);
      }
      return summary;
    } finally {
      streamedRequest.close();
      if (realtime != null) {
        realtime.close();
      }
      stopServer();
    }
  }

  /**
   * How the run ends, once {@link #finish()} has written its reports: {@link ExitStatus#CHECKS_FAILED} when one of its
   * checks (a gate, a metric against the baseline) failed, else {@link ExitStatus#SUCCESS}.
   */
  public ExitStatus exitStatus() {
    RunSummary s = finished;
    return s == null || dev.llmload.nightly.Gates.allPassed(s.checks()) ? ExitStatus.SUCCESS : ExitStatus.CHECKS_FAILED;
  }

  /** How many of the finished run's checks failed (0 before {@link #finish()}). */
  public long failedChecks() {
    RunSummary s = finished;
    return s == null ? 0 : s.checks().stream().filter(c -> !c.passed()).count();
  }

  /** How many checks (gates, baseline) the finished run has (0 before {@link #finish()}). */
  public int checks() {
    RunSummary s = finished;
    return s == null ? 0 : s.checks().size();
  }

  /** Stops the embedded server, if any. */
  public void stopServer() {
    Target t = target;
    if (t != null) {
      t.stopServer();
    }
  }

  /** The report folder path, for messages. */
  public Path reportPath() {
    return outputs == null ? null : outputs.folder();
  }

  /** The levels of the workload. */
  public List<LoadLevel> levels() {
    return workload.schedule().levels();
  }
}

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
import dev.llmload.run.RunOutputs;
import dev.llmload.run.Target;
import dev.llmload.server.SimulatedServer;
import dev.llmload.workload.ArrivalPlan;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
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
  private final StreamedRequest streamedRequest;
  private volatile Target target;
  private volatile RunOutputs outputs;
  private volatile StreamedRequest.Started started;
  private volatile OffsetDateTime startedAt;
  private Consumer<RequestRecord> recordListener = r -> {};

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
    outputs = RunOutputs.open(settings, simulation, startedAt, target, workload.schedule(), GatlingReportLink.LINK_NAME + "/index.html", console,
        recordListener);
    started = new StreamedRequest.Started(target.requestUrl(), target.model(), outputs.recorder());
    settings.target().apiKey().ifPresent(k -> console.info("sending the API key from " + k.source() + " (never written anywhere)"));
    LevelSchedule schedule = workload.schedule();
    console.info("model " + target.model() + " at " + target.requestUrl() + "; " + workload.scenario() + ", " + schedule.levels().size()
        + (schedule.levels().size() == 1 ? " level, " : " levels, ") + schedule.totalDuration().toSeconds() + " s; results in " + outputs.folder());
  }

  /** The workload as Gatling's population: one measured request per virtual user, with the HTTP protocol. */
  public PopulationBuilder population() {
    ScenarioBuilder scenario = scenario(workload.scenario()).exec(streamedRequest.chain());
    PopulationBuilder population;
    if (workload instanceof Workload.Open open) {
      // the open profile replaces Gatling's: atOnceUsers(1) only makes the population
      population = OpenInjection.population(scenario.injectOpen(atOnceUsers(1)),
          new ArrivalPlan(open.schedule(), open.arrivals(), open.maxRequests()), open.schedule().totalDuration(), streamedRequest.tickets(),
          injectionListener());
    } else {
      population = InjectionAnchor.anchored(scenario.injectClosed(closedInjection()), injectionListener());
    }
    return population.protocols(httpProtocol());
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
      if (summary != null) {
        GatlingReportLink.linkOnExit(outputs.folder(), simulation, startedAt);
      }
      return summary;
    } finally {
      streamedRequest.close();
      stopServer();
    }
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

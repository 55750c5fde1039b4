package dev.llmload.simulations;


import dev.llmload.benchmarks.AccuracyFigures;
import dev.llmload.benchmarks.GroundTruthComparison;
import dev.llmload.gatling.ExitStatus;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.server.truth.GroundTruth;
import dev.llmload.workload.Workloads;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Benchmark of the measurement itself: 100 concurrent streams against the embedded server for 30 s (10 ms
 * between tokens), then every client stamp is compared with the server's own write time for the same chunk
 * (same JVM, same clock). Prints the TTFT and ITL error (p50 / p99 / max, ms) and the client CPU time per 1,000
 * chunks. Target: p99 error at most 2 ms. {@code mvn gatling:test -Dsimulation=MeasurementAccuracy}
 */
public class MeasurementAccuracy extends Simulation {

  /** Overridable with -D like any key; llm.target.baseUrl must stay unset (the comparison needs the embedded server). */
  private static final Map<String, Object> DEFAULTS = Map.of(
      "llm.server.maxNumSeqs", 128,
      "llm.server.decodeBaseMs", 10.0,
      "llm.server.decodePerSeqMs", 0.0,
      "llm.request.maxTokens", 200,
      "llm.request.ignoreEos", true,
      "llm.sweep.levels", List.of(100),
      "llm.sweep.levelDuration", "30s",
      "llm.sweep.warmup", "2s");

  private final LlmRun run = Launch.prepare("MeasurementAccuracy", DEFAULTS, Workloads::concurrencySweep);
  private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
  private final dev.llmload.telemetry.client.ClientCpu clientCpu = new dev.llmload.telemetry.client.ClientCpu(List.of("llm-sim"));

  {
    run.onRecord(records::add);
    setUp(run.population());
  }

  @Override
  public void before() {
    Launch.start(run);
    if (run.server().isEmpty()) {
      ConsoleReporter.stdout().error("MeasurementAccuracy compares against the embedded server's ground truth: leave llm.target.baseUrl unset.");
      System.exit(ExitStatus.CONFIGURATION_ERROR.code());
    }
    clientCpu.sample(); // from here on
  }

  @Override
  public void after() {
    long cpuNanos = clientCpu.sample().clientCpuNanos();
    GroundTruth truth = run.server().orElseThrow().groundTruth();
    Launch.finish(run);
    AccuracyFigures figures = GroundTruthComparison.compare(records, run.recorder().anchorNanos(), truth::find, truth.requestsReceived());
    ConsoleReporter console = ConsoleReporter.stdout();
    console.info("measurement accuracy: " + figures.describe());
    console.info(String.format(Locale.ROOT, "client CPU: %.1f ms per 1,000 chunks (%d chunks, %.1f s CPU in client threads)",
        figures.chunks() == 0 ? 0 : cpuNanos / 1e6 / (figures.chunks() / 1000.0), figures.chunks(), cpuNanos / 1e9));
  }
}

package dev.llmload.simulations;


import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.workload.Workloads;
import io.gatling.javaapi.core.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark of memory on a long run: 100 streams for 10 minutes against the embedded server; prints the heap used
 * after a full GC at the start, every minute, and at the end. Memory must stay flat: per-request data lives only
 * while the request runs (histograms and requests.jsonl keep the rest); the server's ground truth is kept small.
 * {@code mvn gatling:test -Dsimulation=LongRunMemory} ({@code -Dllm.sweep.levelDuration=2m} for a shorter check).
 */
public class LongRunMemory extends Simulation {

  /** The embedded server's ground truth (up to 100,000 requests with every chunk's time) is not needed here. */
  private static final Map<String, Object> DEFAULTS = Map.of(
      "llm.server.groundTruthCapacity", 1000,
      "llm.request.maxTokens", 128,
      "llm.sweep.levels", List.of(100),
      "llm.sweep.levelDuration", "10m",
      "llm.sweep.warmup", "0s");

  private final LlmRun run = Launch.prepare("LongRunMemory", DEFAULTS, Workloads::concurrencySweep);
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "llm-heap-ticker");
    t.setDaemon(true);
    return t;
  });
  private final ConsoleReporter console = ConsoleReporter.stdout();
  private long startHeapBytes;

  {
    setUp(run.population());
  }

  @Override
  public void before() {
    Launch.start(run);
    startHeapBytes = heapAfterGc();
    console.info(String.format(Locale.ROOT, "heap used at start: %.1f MiB", startHeapBytes / 1048576.0));
    ticker.scheduleAtFixedRate(() -> console.info(String.format(Locale.ROOT, "heap used: %.1f MiB, %d requests in flight",
        heapAfterGc() / 1048576.0, run.recorder().inFlight())), 1, 1, TimeUnit.MINUTES);
  }

  @Override
  public void after() {
    ticker.shutdownNow();
    long end = heapAfterGc();
    Launch.finish(run);
    console.info(String.format(Locale.ROOT, "heap used after GC: start %.1f MiB, end %.1f MiB (%+.1f MiB)",
        startHeapBytes / 1048576.0, end / 1048576.0, (end - startHeapBytes) / 1048576.0));
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}

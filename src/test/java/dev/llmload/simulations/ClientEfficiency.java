package dev.llmload.simulations;

import dev.llmload.benchmarks.ClientEfficiencyFigures;
import dev.llmload.benchmarks.ProcessCpu;
import dev.llmload.benchmarks.ServerProcess;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Workloads;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Benchmark of the client itself: the simulated server in a JVM of its own pinned to one CPU, this JVM (Gatling, our
 * checks and recorder) pinned to another, {@code bench.streams} streams of 100 tokens at a fixed 10 ms step, then the
 * other levels of a short sweep; every client stamp is compared with the server's write time of the same chunk
 * (another JVM, the same CLOCK_MONOTONIC clock). Prints, as a markdown table per level, the TTFT and ITL the client
 * added (p50 / p99 / max), the client's CPU per 1,000 tokens, its GC and JIT work, and the most streams held within
 * the error target; then CPU per 1,000 tokens in steady state and over the whole run.
 * {@code mvn gatling:test -Dsimulation=ClientEfficiency}.
 *
 * <p>Properties: {@code bench.streams} (100), {@code bench.duration} (each level's measured time, 15s),
 * {@code bench.sweep} (true: levels 25, 50, 150, 200 follow; false: only {@code bench.streams}),
 * {@code bench.warmUpLevel} (true: a first level of {@code bench.streams} warms the JIT up - C2 compiles the streaming
 * path (Netty, Gatling's HTTP client, ours) over the first minute of traffic - and is reported apart, out of the steady state and the target),
 * {@code bench.clientCpu} (0) and {@code bench.serverCpu} (1): taskset CPU lists, "none" not to pin;
 * {@code bench.jfr} (unset): a file to write a Flight Recorder profile of the client JVM to, from the first request to
 * the last (JFR's "profile" settings: method samples every 10 ms, allocations, GC pauses, JIT compilations).
 */
public class ClientEfficiency extends Simulation {

  private static final List<Integer> SWEEP = List.of(25, 50, 100, 150, 200);

  private final int streams = Integer.getInteger("bench.streams", 100);
  private final String duration = System.getProperty("bench.duration", "15s");
  private final boolean sweep = Boolean.parseBoolean(System.getProperty("bench.sweep", "true"));
  private final boolean warmUpLevel = Boolean.parseBoolean(System.getProperty("bench.warmUpLevel", "true"));
  private final Optional<String> clientCpu = cpus("bench.clientCpu", "0");
  private final Optional<String> serverCpu = cpus("bench.serverCpu", "1");
  private final ConsoleReporter console = ConsoleReporter.stdout();
  private final String pinning = pin();
  private final ServerProcess server = ServerProcess.start(serverSettings(), serverCpu.filter(c -> ServerProcess.tasksetAvailable()),
      Path.of("target", "client-efficiency-server.log"));
  private final LlmRun run = Launch.prepare("ClientEfficiency", defaults(), Workloads::concurrencySweep);
  private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
  private ProcessCpu cpu;
  private jdk.jfr.Recording jfr;
  private long startupCpuNanos;

  {
    run.onRecord(records::add);
    setUp(run.population());
  }

  private List<Integer> levels() {
    LinkedHashSet<Integer> levels = new LinkedHashSet<>();
    levels.add(streams);
    if (sweep) {
      levels.addAll(SWEEP);
    }
    List<Integer> all = new ArrayList<>();
    if (warmUpLevel) {
      all.add(streams);
    }
    all.addAll(levels);
    return all;
  }

  private Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>();
    d.put("llm.target.baseUrl", server.baseUrl());
    d.put("llm.request.maxTokens", 100);
    d.put("llm.request.ignoreEos", true);
    d.put("llm.sweep.levels", levels());
    d.put("llm.sweep.levelDuration", duration);
    d.put("llm.sweep.warmup", "2s");
    return d;
  }

  private static Map<String, String> serverSettings() {
    Map<String, String> s = new HashMap<>();
    s.put("maxNumSeqs", "256");
    s.put("decodeBaseMs", "10.0");
    s.put("decodePerSeqMs", "0.0");
    return s;
  }

  private String pin() {
    if (!ServerProcess.tasksetAvailable()) {
      return "not pinned (no taskset on the PATH)";
    }
    String client = clientCpu.map(c -> ServerProcess.pinThisJvm(c) ? "client on CPU " + c : "client not pinned (taskset failed)")
        .orElse("client not pinned");
    return client + ", " + serverCpu.map(c -> "server on CPU " + c).orElse("server not pinned");
  }

  private static Optional<String> cpus(String key, String fallback) {
    String v = System.getProperty(key, fallback);
    return v.isBlank() || v.equals("none") ? Optional.empty() : Optional.of(v);
  }

  @Override
  public void before() {
    startupCpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    cpu = ProcessCpu.sampleEvery(1000);
    String jfrFile = System.getProperty("bench.jfr");
    if (jfrFile != null) {
      try {
        jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        jfr.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1)); // enough samples of a 15 s level
        jfr.setDestination(Path.of(jfrFile));
        jfr.start();
      } catch (IOException | java.text.ParseException e) {
        console.error("bench.jfr: no profile recorded: " + e.getMessage());
      }
    }
    try {
      Launch.start(run);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public void after() {
    ProcessCpu.Sample end = cpu.stop();
    if (jfr != null) {
      jfr.stop();
      jfr.close();
    }
    try {
      ServerProcess.ServerTruth truth = server.truth();
      Launch.finish(run);
      List<LoadLevel> levels = run.levels();
      ClientEfficiencyFigures.Run figures = ClientEfficiencyFigures.compare(records, run.recorder().anchorNanos(), truth.contentWriteNanos(),
          i -> (int) levels.get(i).value(), warmUpLevel ? 1 : 0, cpu, end.cpuNanos(), startupCpuNanos);
      String context = String.format(Locale.ROOT,
          "Client efficiency: %s streams of 100 tokens at 10 ms per token, %s per level (+2 s warm-up), %s; load average %s; "
              + "server received %d requests (%d retried), client recorded %d.",
          levels().toString(), duration, pinning, loadAverage(), truth.received(), truth.duplicates(), records.size());
      console.info(figures.markdown(context));
    } finally {
      server.close();
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}

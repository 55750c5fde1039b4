package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.report.Json;
import dev.llmload.simulations.ConcurrencySweep;
import dev.llmload.simulations.ConstantConcurrency;
import dev.llmload.telemetry.RunTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry end to end: sweeps against the simulator's presets whose bottleneck is known name it in the knee sentence
 * (summary, report, console), with the server's series and per-level figures; a client starved of CPU is flagged.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TelemetryEndToEndTest {

  @TempDir
  Path dir;

  /**
   * A sweep of the preset; the client's limits loose (a 2-core machine shared with other builds delays event loops by
   * several milliseconds now and then): these runs are about the server.
   */
  private JsonNode sweep(String preset, String[] console) throws Exception {
    Run run = run(ConcurrencySweep.class, Map.of(
        "llm.sweep.levels", "[1,16,32]",
        "llm.sweep.levelDuration", "2s",
        "llm.sweep.warmup", "1s",
        "llm.telemetry.interval", "250ms",
        "llm.telemetry.client.maxLoopDelayP99Ms", "100",
        "llm.server.preset", preset));
    assertEquals(0, run.status(), "Gatling exit status");
    console[0] = run.console();
    return Json.MAPPER.readTree(Launch.current().reportPath().resolve("summary.json").toFile());
  }

  @Test
  void aBatchLimitedServerIsNamedAsSuch() throws Exception {
    String[] console = new String[1];
    JsonNode summary = sweep("batch-limited", console);
    Path folder = Launch.current().reportPath();

    JsonNode telemetry = summary.path("telemetry");
    assertEquals("vLLM", telemetry.path("server").asText(), telemetry.toString());
    JsonNode knee = telemetry.path("knee");
    assertEquals("batch-limit", knee.path("bottleneck").asText(), knee.toString());
    String sentence = knee.path("sentence").asText();
    assertTrue(sentence.contains("requests wait in the server") && sentence.contains("while running stays at 8"), sentence);
    JsonNode last = telemetry.path("levels").get(2);
    assertEquals("c=32", last.path("label").asText());
    assertEquals(8.0, last.path("server").path("runningMax").asDouble(), 0.01, last.toString());
    assertTrue(last.path("server").path("waitingMean").asDouble() > 10, last.toString());
    assertTrue(last.path("server").path("kvCacheMaxPercent").asDouble() < 90, last.toString());
    assertFalse(last.path("client").path("clientBound").asBoolean(), last.toString());
    assertTrue(telemetry.path("series").path("running").isArray(), "the server's series on the timeline");

    String html = Files.readString(folder.resolve("index.html"));
    assertTrue(html.contains("Why the knee is where it is") && html.contains("server-timeline"), "the report's telemetry section");
    assertTrue(html.contains(dev.llmload.report.HtmlReportWriter.esc(sentence)), "the knee sentence on the page");
    assertTrue(console[0].contains("knee: " + sentence), "the knee sentence on the console");
    List<String> lines = Files.readAllLines(folder.resolve(RunTelemetry.FILE_NAME));
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"source\":\"server\"")), "server samples in telemetry.jsonl");
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"source\":\"client\"")), "client samples in telemetry.jsonl");
  }

  @Test
  void aKvLimitedServerIsNamedAsSuch() throws Exception {
    String[] console = new String[1];
    JsonNode summary = sweep("kv-limited", console);

    JsonNode knee = summary.path("telemetry").path("knee");
    assertEquals("kv-cache", knee.path("bottleneck").asText(), knee.toString());
    assertTrue(knee.path("sentence").asText().contains("memory (the KV cache) is the bottleneck"), knee.toString());
    JsonNode last = summary.path("telemetry").path("levels").get(2);
    assertTrue(last.path("server").path("kvCacheMaxPercent").asDouble() >= 90, last.toString());
  }

  @Test
  void aStarvedClientIsFlaggedNeverReportedSilently() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> hogs = new ArrayList<>();
    // busy threads in the load generator's JVM: its CPU is taken, as when it drives more streams than it can. Other
    // processes on a shared build machine take their part of the cores too, so the CPU limit is 60 %, not 90 %: a
    // client that is not starved uses a few percent at c=4, a starved one 80-100 %
    for (int i = 0; i < 3 * Runtime.getRuntime().availableProcessors(); i++) {
      Thread hog = new Thread(() -> {
        long x = 0;
        while (!stop.get()) {
          x += System.nanoTime() % 7;
        }
        if (x == 42) {
          System.out.print("");
        }
      }, "starving-hog-" + i);
      hog.setDaemon(true);
      hogs.add(hog);
    }
    Run run;
    try {
      hogs.forEach(Thread::start);
      run = run(ConstantConcurrency.class, Map.of(
          "llm.workload.concurrency", "4",
          "llm.workload.duration", "5s",
          "llm.workload.warmup", "1s",
          "llm.request.maxTokens", "32",
          "llm.telemetry.client.maxCpuShare", "0.6",
          "llm.server.preset", "fast"));
    } finally {
      stop.set(true);
      for (Thread hog : hogs) {
        hog.join(5_000);
      }
    }
    assertEquals(0, run.status(), "a flagged level is not a failed run");
    Path folder = Launch.current().reportPath();
    JsonNode summary = Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
    JsonNode level = summary.path("telemetry").path("levels").get(0);
    assertTrue(level.path("client").path("clientBound").asBoolean(), level.toString());
    assertFalse(level.path("client").path("reasons").isEmpty(), level.toString());
    assertEquals("client", summary.path("telemetry").path("knee").path("bottleneck").asText(), summary.path("telemetry").toString());
    assertTrue(summary.path("notes").toString().contains("the load generator was the bottleneck"), summary.path("notes").toString());
    assertTrue(run.console().contains("CLIENT-BOUND"), "the console says it");
    String html = Files.readString(folder.resolve("index.html"));
    assertTrue(html.contains("client-bound"), "the report says it");
    assertNotNull(level.path("client").path("loopDelayP99Ms"));
  }

  @Test
  void aServerWithoutMetricsIsSaidOnceAndTheRunGoesOn() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    int status = run(ConstantConcurrency.class, Map.of(
        "llm.workload.concurrency", "2",
        "llm.workload.duration", "3s",
        "llm.workload.warmup", "1s",
        "llm.request.maxTokens", "16",
        "llm.telemetry.metricsUrl", "http://127.0.0.1:" + closedPort + "/metrics",
        "llm.server.preset", "fast")).status();

    assertEquals(0, status, "no metrics is not a failure");
    JsonNode summary = Json.MAPPER.readTree(Launch.current().reportPath().resolve("summary.json").toFile());
    JsonNode telemetry = summary.path("telemetry");
    assertTrue(telemetry.path("server").isNull(), telemetry.toString());
    assertEquals(1, telemetry.path("notes").size(), telemetry.toString());
    assertTrue(telemetry.path("notes").get(0).asText().contains("http://127.0.0.1:" + closedPort + "/metrics"), telemetry.toString());
    assertEquals("unknown", telemetry.path("knee").path("bottleneck").asText(), telemetry.toString());
    assertTrue(summary.path("levels").get(0).path("requests").path("successful").asLong() > 0, "the run went on");
  }

  @Test
  void aMachineWithGpusStandingInGivesEachLevelItsMemoryAndEnergy() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Process serverProcess = dev.llmload.telemetry.resources.StandIns.start(dev.llmload.telemetry.resources.StandIns.namedShell(bin, "fake-vllm"));
    int status;
    try (dev.llmload.telemetry.resources.StandIns.Exporter dcgm = new dev.llmload.telemetry.resources.StandIns.Exporter()) {
      status = run(ConstantConcurrency.class, Map.of(
          "llm.workload.concurrency", "2",
          "llm.workload.duration", "3s",
          "llm.workload.warmup", "1s",
          "llm.request.maxTokens", "16",
          "llm.telemetry.interval", "250ms",
          "llm.telemetry.process.pid", Long.toString(serverProcess.pid()),
          "llm.telemetry.nvidiaSmi", dev.llmload.telemetry.resources.StandIns.nvidiaSmi(bin).toString(),
          "llm.telemetry.dcgmUrl", dcgm.metrics().toString(),
          "llm.server.preset", "fast")).status();
    } finally {
      dev.llmload.telemetry.resources.StandIns.stop(serverProcess);
    }

    assertEquals(0, status);
    Path folder = Launch.current().reportPath();
    JsonNode telemetry = Json.MAPPER.readTree(folder.resolve("summary.json").toFile()).path("telemetry");
    assertEquals(List.of("client", "process " + serverProcess.pid(), "nvidia-smi", "dcgm http"), sources(telemetry), telemetry.toString());
    JsonNode resources = telemetry.path("levels").get(0).path("resources");
    assertTrue(resources.path("serverRssPeakBytes").asLong() > 100_000, resources.toString());
    assertTrue(resources.path("gpuMemoryPeakMiB").asDouble() > 0, resources.toString());
    assertTrue(resources.path("gpuUtilizationMeanPercent").isNumber(), resources.toString());
    assertTrue(resources.path("energyJoules").asDouble() > 0, "the exporter's energy rises every scrape: " + resources);
    assertTrue(resources.path("joulesPerOutputToken").asDouble() > 0, resources.toString());
    assertTrue(telemetry.path("series").path("gpuMemoryMiB").isArray(), telemetry.path("series").toString());
    assertTrue(Files.readString(folder.resolve("index.html")).contains("machine-timeline"), "the machine's series on the page");
    assertTrue(Files.readAllLines(folder.resolve(RunTelemetry.FILE_NAME)).stream().anyMatch(l -> l.contains("\"source\":\"resources\"")),
        "resource samples in telemetry.jsonl");
  }

  /** The sources read, a URL cut after its scheme (its port changes from run to run). */
  private static List<String> sources(JsonNode telemetry) {
    List<String> out = new ArrayList<>();
    telemetry.path("sources").forEach(n -> out.add(n.asText().replaceAll("://.*", "")));
    return out;
  }

  /** A finished run: Gatling's exit status and what was printed meanwhile. */
  private record Run(int status, String console) {}

  /** Runs {@code simulation} in this JVM with {@code properties} and the test's report folder, keeping the console. */
  private Run run(Class<?> simulation, Map<String, String> properties) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.put("llm.report.dir", dir.resolve("reports").toString());
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
    try {
      return new Run(InProcessGatling.run(simulation, dir.resolve("gatling"), all), captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  /** Writes to the console and keeps a copy. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}

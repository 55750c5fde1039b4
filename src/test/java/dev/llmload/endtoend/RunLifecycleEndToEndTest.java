package dev.llmload.endtoend;

import dev.llmload.simulations.ConcurrencySweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.report.Json;
import dev.llmload.report.RebuildReport;
import dev.llmload.report.RequestLog;
import dev.llmload.report.RunManifest;
import dev.llmload.report.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in its own JVM, stopped from outside: SIGTERM leaves a partial report of what was measured; kill -9 leaves
 * {@code requests.jsonl} and {@code run.json}, from which the report is rebuilt. The API key (from the
 * environment) appears in no output file and no console line.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunLifecycleEndToEndTest {

  private static final String API_KEY = "sk-llmload-test-7f3a9c2e5b1d4068";
  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void sigtermWritesAPartialReportAndTheKeyLeaksNowhere() throws Exception {
    Path reports = dir.resolve("reports");
    Path console = dir.resolve("console.txt");
    Process p = start(reports, console);
    Path run = awaitRecords(reports, p, 12);
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM exits after writing the partial report");

    JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
    assertTrue(summary.get("partial").asBoolean(), summary.toString());
    assertTrue(summary.get("partialReason").asText().startsWith("stopped "), summary.get("partialReason").asText());
    assertEquals(1, summary.get("levels").size(), "only the level that had started: " + summary.get("levels"));
    JsonNode level = summary.get("levels").get(0);
    assertTrue(level.get("durationSeconds").asDouble() < 30, "measured up to the stop, not the whole level");
    assertTrue(level.path("requests").path("successful").asLong() > 0);
    long recorded = RequestLog.read(run.resolve(RequestLog.FILE_NAME)).size();
    assertEquals(recorded, level.path("requests").path("total").asLong() + level.path("warmupRequests").asLong());
    assertTrue(Files.isRegularFile(run.resolve("index.html")));

    List<Path> outputs = new ArrayList<>(files(dir));
    assertTrue(outputs.size() >= 6, outputs.toString());
    for (Path file : outputs) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(API_KEY), "the API key leaked into " + file);
      assertFalse(text.contains(API_KEY.substring(8)), "part of the API key leaked into " + file);
    }
    String consoleText = Files.readString(console);
    assertTrue(consoleText.contains("PARTIAL RUN"), "the console says the run is partial");
    assertTrue(consoleText.contains("API key from env LLM_API_KEY"), "the key was read (so the leak check means something)");
  }

  @Test
  void killMinus9LeavesTheLogAndTheReportIsRebuiltFromIt() throws Exception {
    Path reports = dir.resolve("reports");
    Process p = start(reports, dir.resolve("console.txt"));
    Path run = awaitRecords(reports, p, 12);
    p.destroyForcibly(); // SIGKILL: no hook runs
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertFalse(Files.exists(run.resolve("summary.json")), "a killed JVM writes nothing more");
    assertTrue(Files.isRegularFile(run.resolve(RunManifest.FILE_NAME)));

    RunSummary rebuilt = RebuildReport.rebuild(run);
    long recorded = RequestLog.read(run.resolve(RequestLog.FILE_NAME)).size();
    assertTrue(recorded >= 12, "records: " + recorded);
    assertTrue(rebuilt.partial(), rebuilt.partialReason());
    assertEquals(recorded, rebuilt.levels().stream().mapToLong(l -> l.requests().total() + l.warmupRequests()).sum());
    assertTrue(rebuilt.levels().get(0).ttftMs() != null);
    for (String file : List.of("summary.json", "summary.csv", "index.html")) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file);
    }
  }

  @Test
  void aConfigurationMistakeEndsTheRunWithOneSentenceAndNoReport() throws Exception {
    Path reports = dir.resolve("reports");
    Path console = dir.resolve("console.txt");
    Process p = start(reports, console, "-Dllm.sweep.levls=4");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(dev.llmload.gatling.ExitStatus.CONFIGURATION_ERROR.code(), p.exitValue());
    assertTrue(Files.readString(console).contains("[llm-loadtest] ERROR: configuration error: llm.sweep.levls: unknown key "
        + "(did you mean llm.sweep.levels?); every key is listed in README.md, section Configuration"), Files.readString(console));
    assertFalse(Files.exists(reports), "no report pretending to be a result");
  }

  @Test
  void anUnreachableTargetEndsTheRunWithOneSentenceAndNoReport() throws Exception {
    Path reports = dir.resolve("reports");
    Path console = dir.resolve("console.txt");
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Process p = start(reports, console, "-Dllm.target.baseUrl=http://127.0.0.1:" + closedPort + "/v1");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(dev.llmload.gatling.ExitStatus.TARGET_UNREACHABLE.code(), p.exitValue(), "distinct from a configuration error (3)");
    assertTrue(Files.readString(console).contains("[llm-loadtest] ERROR: Cannot reach http://127.0.0.1:" + closedPort
        + "/v1/models: connection refused. Check llm.target.baseUrl and that the server is up."), Files.readString(console));
    assertFalse(Files.exists(reports));
  }

  /** ConcurrencySweep in a new JVM: one 60 s level at concurrency 4, against the embedded server. */
  private Process start(Path reports, Path console, String... extraProperties) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx512m", "-cp", classpath,
        "-Dllm.report.dir=" + reports, "-Dllm.sweep.levels=[4,8]", "-Dllm.sweep.levelDuration=60s", "-Dllm.sweep.warmup=0s",
        "-Dllm.request.maxTokens=16"));
    command.addAll(List.of(extraProperties));
    command.addAll(List.of("io.gatling.app.Gatling", "--simulation", ConcurrencySweep.class.getName(), "--results-folder",
        dir.resolve("gatling").toString(), "--no-reports"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("LLM_API_KEY", API_KEY);
    pb.redirectErrorStream(true).redirectOutput(console.toFile());
    return pb.start();
  }

  /** Waits (bounded) until the run folder holds {@code n} request records. */
  private static Path awaitRecords(Path reports, Process p, int n) throws Exception {
    long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "the run ended early");
      Path latest = reports.resolve("latest");
      Path log = latest.resolve(RequestLog.FILE_NAME);
      if (Files.exists(log) && Files.readAllLines(log).size() >= n) {
        return latest.toRealPath();
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError("no " + n + " records within " + STARTUP_DEADLINE);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}

package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.ExitStatus;
import dev.llmload.report.Json;
import dev.llmload.simulations.ConcurrencySweep;
import dev.llmload.targets.ChildRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gates end to end, each run in a JVM of its own started as the Gatling Maven plugin starts one (Gatling's main, which
 * ends the JVM with its own status after its report): a short sweep (c=1, c=2) against the embedded server, once
 * with a gate that passes (TTFT p95 at c=1 within 5 s) and one that cannot (a billion output tokens/s at c=2), once
 * with the passing gate only. The first exits with {@link ExitStatus#CHECKS_FAILED} after every report - ours and
 * Gatling's - with the gates block on the console and both gates in summary.json and junit.xml; the second exits 0.
 */
class GatesEndToEndTest {

  @TempDir
  static Path dir;

  private static Run failing;
  private static Run passing;

  record Run(int status, String console, Path runFolder, Path gatlingResults) {}

  @BeforeAll
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  static void runTwice() throws Exception {
    String passingGate = "{ metric = \"ttftMs.p95\", level = \"c=1\", max = 5000 }";
    String failingGate = "{ metric = outputTokensPerSecond, level = \"c=2\", min = 1000000000 }";
    failing = run("failing", passingGate + ", " + failingGate);
    passing = run("passing", passingGate);
  }

  private static Run run(String name, String gates) throws IOException, InterruptedException {
    Path userFiles = Files.createDirectories(dir.resolve(name).resolve("user-files"));
    Files.writeString(userFiles.resolve("nightly.conf"), """
        llm {
          sweep { levels = [1, 2], levelDuration = 2s, warmup = 1s }
          request.maxTokens = 16
          server.preset = fast
          gates = [ %s ]
        }
        """.formatted(gates));
    Path reports = dir.resolve(name).resolve("reports");
    Path gatling = dir.resolve(name).resolve("gatling");
    ChildRun child = new ChildRun(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"), gatling,
        true);
    List<String> command = child.command(ConcurrencySweep.class.getName(), name, Map.of("llm.userFiles", userFiles.toString(),
        "llm.profile", "nightly", "llm.report.dir", reports.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String console = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the run did not end: " + console);
    }
    Path runFolder;
    try (Stream<Path> folders = Files.list(reports)) {
      runFolder = folders.filter(p -> p.getFileName().toString().startsWith("ConcurrencySweep-")).findFirst().orElseThrow(() -> new AssertionError("no run folder: " + console));
    }
    return new Run(process.exitValue(), console, runFolder, gatling);
  }

  @Test
  void aFailedGateEndsTheRunWithItsStatusAfterEveryReport() throws IOException {
    assertEquals(ExitStatus.CHECKS_FAILED.code(), failing.status(), failing.console());
    for (String file : List.of("summary.json", "summary.csv", "index.html", "junit.xml")) {
      assertTrue(Files.isRegularFile(failing.runFolder().resolve(file)), file + " in " + failing.runFolder());
    }
    try (Stream<Path> reports = Files.walk(failing.gatlingResults())) {
      assertTrue(reports.anyMatch(p -> p.getFileName().toString().equals("index.html")), "Gatling's own report was written: "
          + failing.console());
    }
    String console = failing.console();
    assertTrue(console.indexOf("Reports generated") < console.indexOf("[llm-loadtest] ERROR: 1 of the run's 2 checks failed"),
        "the exit comes after Gatling's report: " + console);
    assertTrue(console.contains("exit status " + ExitStatus.CHECKS_FAILED.code()), console);
  }

  @Test
  void theBlockListsEveryGateWithItsVerdict() {
    String console = failing.console();
    assertTrue(console.contains("gates (llm.gates): 1 of 2 FAILED"), console);
    assertTrue(console.matches("(?s).*\\n  pass  ttftMs\\.p95 at c=1 <= 5000 ms\\s+measured [0-9.]+ ms, limit <= 5000 ms\\n.*"), console);
    assertTrue(console.matches("(?s).*\\n  FAIL  outputTokensPerSecond at c=2 >= 1000000000 tokens/s\\s+measured [0-9.]+ tokens/s, "
        + "limit >= 1000000000 tokens/s\\n.*"), console);
  }

  @Test
  void summaryJsonAndJUnitXmlHoldBothGates() throws IOException {
    JsonNode gates = Json.MAPPER.readTree(failing.runFolder().resolve("summary.json").toFile()).get("gates");
    assertEquals(2, gates.size(), gates.toString());
    assertEquals("gates", gates.get(0).get("suite").asText());
    assertTrue(gates.get(0).get("passed").asBoolean(), gates.toString());
    assertFalse(gates.get(1).get("passed").asBoolean(), gates.toString());
    String xml = Files.readString(failing.runFolder().resolve("junit.xml"));
    assertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml);
    assertTrue(xml.contains("<testcase classname=\"" + failing.runFolder().getFileName() + ".gates\" name=\"outputTokensPerSecond at c=2 "
        + "&gt;= 1000000000 tokens/s\">\n      <failure message=\"measured "), xml);
    assertTrue(Files.readString(failing.runFolder().resolve("index.html")).contains("<h2>Gates</h2>"));
  }

  @Test
  void gatesThatAllPassExitZero() {
    assertEquals(ExitStatus.SUCCESS.code(), passing.status(), passing.console());
    assertTrue(passing.console().contains("gates (llm.gates): all 1 passed"), passing.console());
    assertTrue(Files.isRegularFile(passing.runFolder().resolve("junit.xml")));
  }
}

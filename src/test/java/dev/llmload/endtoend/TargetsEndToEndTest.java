package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.compare.ComparisonHtmlWriter;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.HeadlessChromium;
import dev.llmload.report.Json;
import dev.llmload.simulations.ConcurrencySweep;
import dev.llmload.targets.ChildRun;
import dev.llmload.targets.TargetsRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targets command end to end: a short sweep against two embedded simulator presets standing in for two models
 * ({@code fast} and the slower {@code gemma-2-2b-l4}) and a server that is down, each target in a JVM of its own as the
 * command starts it, with an SLO every level meets and a GPU price. Two run folders named after their targets, the
 * third target reported as failed with its one sentence, and a comparison whose winners are the faster preset.
 */
class TargetsEndToEndTest {

  @TempDir
  static Path dir;

  private static int closedPort;
  private static TargetsRun.Result result;
  private static String console;
  private static List<String> childLines;
  private static JsonNode comparison;

  @BeforeAll
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  static void runTheTargets() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // free now, closed below: nothing listens there
    }
    Path userFiles = Files.createDirectories(dir.resolve("user-files"));
    Files.writeString(userFiles.resolve("models.conf"), """
        llm {
          sweep { levels = [1, 2], levelDuration = 2s, warmup = 1s }
          request.maxTokens = 16
          slo.ttftMs = 5000
          cost.gpuHourlyUsd = 2.0
          targets = [
            { name = small, preset = fast }
            { name = gemma, preset = "gemma-2-2b-l4" }
            { name = down, baseUrl = "http://127.0.0.1:%d/v1" }
          ]
        }
        """.formatted(closedPort));
    Map<String, String> commandLine = Map.of("llm.userFiles", userFiles.toString(), "llm.profile", "models", "llm.report.dir",
        dir.resolve("reports").toString());
    Properties properties = new Properties();
    properties.putAll(commandLine);
    LlmSettings settings = SettingsLoader.loadForTest(properties, Map.of());

    ChildRun child = new ChildRun(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
        dir.resolve("gatling"), false);
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    result = new TargetsRun(child, new ConsoleReporter(new PrintStream(out, true, StandardCharsets.UTF_8)), lines::add)
        .run(ConcurrencySweep.class.getName(), settings.targets(), commandLine, settings.report().dir());
    console = out.toString(StandardCharsets.UTF_8);
    childLines = List.copyOf(lines);
    comparison = result.comparison() == null ? null : Json.MAPPER.readTree(result.comparison().folder().resolve("comparison.json").toFile());
  }

  private static TargetsRun.Ran ran(int target) {
    return assertInstanceOf(TargetsRun.Ran.class, result.outcomes().get(target), console);
  }

  @Test
  void eachTargetRunsInItsOwnFolderNamedAfterIt() throws Exception {
    assertEquals(3, result.outcomes().size());
    for (TargetsRun.Ran r : List.of(ran(0), ran(1))) {
      String name = r.target().name();
      assertEquals(0, r.exitStatus(), name);
      assertTrue(r.folder().getFileName().toString().matches("ConcurrencySweep-" + name + "-\\d{8}-\\d{6}"), r.folder().toString());
      assertEquals(dir.resolve("reports"), r.folder().getParent());
      JsonNode summary = Json.MAPPER.readTree(r.folder().resolve("summary.json").toFile());
      assertEquals(name, summary.get("target").get("name").asText());
      assertEquals(2, summary.get("levels").size(), "the profile's short sweep");
    }
    assertEquals("fast", Json.MAPPER.readTree(ran(0).folder().resolve("summary.json").toFile()).get("target").get("serverPreset").asText());
    assertEquals("gemma-2-2b-l4",
        Json.MAPPER.readTree(ran(1).folder().resolve("summary.json").toFile()).get("target").get("serverPreset").asText());
    assertTrue(childLines.stream().anyMatch(l -> l.startsWith("[llm-loadtest] c=2 ")), "each run's own lines are passed on");
  }

  @Test
  void aTargetThatIsDownIsReportedWithItsSentenceAndTheOthersRun() {
    TargetsRun.Failed down = assertInstanceOf(TargetsRun.Failed.class, result.outcomes().get(2));
    assertTrue(down.reason().startsWith("Cannot reach http://127.0.0.1:" + closedPort + "/v1/models"), down.reason());
    assertTrue(console.contains("target down failed: Cannot reach"), "said on the console");
    assertEquals("down", comparison.get("failed").get(0).get("name").asText());
    assertEquals(down.reason(), comparison.get("failed").get(0).get("reason").asText());
  }

  @Test
  void theFasterPresetWinsTheComparison() {
    assertTrue(result.comparison().folder().getFileName().toString().startsWith("compare-"));
    assertEquals(List.of("small", "gemma"), List.of(comparison.get("runs").get(0).get("name").asText(),
        comparison.get("runs").get(1).get("name").asText()));
    JsonNode throughput = comparison.get("verdicts").get(0);
    assertEquals("highestThroughput", throughput.get("question").asText());
    assertEquals("small", throughput.get("winner").asText(), throughput.get("sentence").asText());
    assertTrue(throughput.get("marginPercent").asDouble() > 50, "fast decodes a step in 8 ms, gemma-2-2b-l4 in 26: "
        + throughput.get("sentence").asText());
    // both meet the SLO at c=2: the faster one delivers more there, and its tokens cost less on the same GPU price
    JsonNode slo = comparison.get("verdicts").get(2);
    assertEquals("small", slo.get("winner").asText(), slo.get("sentence").asText());
    assertTrue(slo.get("sentence").asText().startsWith("small and gemma each reach c=2 within their SLO"), slo.get("sentence").asText());
    JsonNode cost = comparison.get("verdicts").get(3);
    assertEquals("small", cost.get("winner").asText(), cost.get("sentence").asText());
    assertTrue(cost.get("sentence").asText().endsWith("Each at its highest load within SLO."), cost.get("sentence").asText());
  }

  @Test
  void thePageEmbedsComparisonJson() throws Exception {
    String html = Files.readString(result.comparison().folder().resolve("index.html"));
    String open = "<script type=\"application/json\" id=\"" + ComparisonHtmlWriter.DATA_ELEMENT + "\">";
    int start = html.indexOf(open) + open.length();
    assertEquals(comparison, Json.MAPPER.readTree(html.substring(start, html.indexOf("</script>", start))));
  }

  /** A real browser opens the comparison page from file:// and draws its three charts, with nothing on the console. */
  @Test
  void aBrowserDrawsEveryChartOfTheComparisonPage() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), HeadlessChromium.SKIPPED);
    HeadlessChromium.Rendering r = HeadlessChromium.render(result.comparison().folder().resolve("index.html"), dir);
    assertEquals(List.of("throughput", "ttftP50", "ttftP99"), List.copyOf(r.canvases().keySet()));
    assertEquals(List.of(), r.undrawn(), "charts not drawn");
    assertEquals(List.of(), r.console(), "console messages");
  }
}

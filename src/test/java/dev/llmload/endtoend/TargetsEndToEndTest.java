package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.compare.ComparisonHtmlWriter;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.report.ConsoleReporter;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targets command end to end: a short sweep against two embedded simulator presets standing in for two models
 * ({@code fast} and the slower {@code gemma-2-2b-l4}) and a server that is down, each target in a JVM of its own as the
 * command starts it. Two run folders named after their targets, the third target reported as failed with its one
 * sentence, and a comparison whose throughput winner is the faster preset.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TargetsEndToEndTest {

  @TempDir
  Path dir;

  @Test
  void twoPresetsStandingInForTwoModelsAndAServerThatIsDown() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // free now, closed below: nothing listens there
    }
    Path userFiles = Files.createDirectories(dir.resolve("user-files"));
    Files.writeString(userFiles.resolve("models.conf"), """
        llm {
          sweep { levels = [1, 2], levelDuration = 2s, warmup = 1s }
          request.maxTokens = 16
          targets = [
            { name = small, preset = fast }
            { name = gemma, preset = "gemma-2-2b-l4" }
            { name = down, baseUrl = "http://127.0.0.1:%d/v1" }
          ]
        }
        """.formatted(closedPort));
    Path reports = dir.resolve("reports");
    Map<String, String> commandLine = Map.of("llm.userFiles", userFiles.toString(), "llm.profile", "models", "llm.report.dir",
        reports.toString());
    Properties properties = new Properties();
    properties.putAll(commandLine);
    LlmSettings settings = SettingsLoader.loadForTest(properties, Map.of());

    ChildRun child = new ChildRun(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
        dir.resolve("gatling"), false);
    ConcurrentLinkedQueue<String> childLines = new ConcurrentLinkedQueue<>();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TargetsRun.Result result = new TargetsRun(child, new ConsoleReporter(new PrintStream(console, true, StandardCharsets.UTF_8)), childLines::add)
        .run(ConcurrencySweep.class.getName(), settings.targets(), commandLine, settings.report().dir());

    assertEquals(3, result.outcomes().size());
    TargetsRun.Ran small = assertInstanceOf(TargetsRun.Ran.class, result.outcomes().get(0), console.toString(StandardCharsets.UTF_8));
    TargetsRun.Ran gemma = assertInstanceOf(TargetsRun.Ran.class, result.outcomes().get(1));
    TargetsRun.Failed down = assertInstanceOf(TargetsRun.Failed.class, result.outcomes().get(2));
    assertEquals(0, small.exitStatus());
    assertTrue(down.reason().startsWith("Cannot reach http://127.0.0.1:" + closedPort + "/v1/models"), down.reason());
    assertTrue(console.toString(StandardCharsets.UTF_8).contains("target down failed: Cannot reach"), "said on the console");
    assertTrue(childLines.stream().anyMatch(l -> l.startsWith("[llm-loadtest] c=2 ")), "each run's own lines are passed on");

    for (TargetsRun.Ran ran : List.of(small, gemma)) {
      String name = ran.target().name();
      assertTrue(ran.folder().getFileName().toString().matches("ConcurrencySweep-" + name + "-\\d{8}-\\d{6}"), ran.folder().toString());
      assertEquals(reports, ran.folder().getParent());
      JsonNode summary = Json.MAPPER.readTree(ran.folder().resolve("summary.json").toFile());
      assertEquals(name, summary.get("target").get("name").asText());
      assertEquals(2, summary.get("levels").size(), "the profile's short sweep");
    }
    assertEquals("fast", Json.MAPPER.readTree(small.folder().resolve("summary.json").toFile()).get("target").get("serverPreset").asText());
    assertEquals("gemma-2-2b-l4",
        Json.MAPPER.readTree(gemma.folder().resolve("summary.json").toFile()).get("target").get("serverPreset").asText());

    Path compared = result.comparison().folder();
    assertTrue(compared.getFileName().toString().startsWith("compare-"), compared.toString());
    JsonNode comparison = Json.MAPPER.readTree(compared.resolve("comparison.json").toFile());
    assertEquals(List.of("small", "gemma"), List.of(comparison.get("runs").get(0).get("name").asText(),
        comparison.get("runs").get(1).get("name").asText()));
    assertEquals("down", comparison.get("failed").get(0).get("name").asText());
    JsonNode throughput = comparison.get("verdicts").get(0);
    assertEquals("highestThroughput", throughput.get("question").asText());
    assertEquals("small", throughput.get("winner").asText(), throughput.get("sentence").asText());
    assertTrue(throughput.get("marginPercent").asDouble() > 50, "fast decodes a step in 8 ms, gemma-2-2b-l4 in 26: "
        + throughput.get("sentence").asText());

    String html = Files.readString(compared.resolve("index.html"));
    String open = "<script type=\"application/json\" id=\"" + ComparisonHtmlWriter.DATA_ELEMENT + "\">";
    int start = html.indexOf(open) + open.length();
    assertEquals(comparison, Json.MAPPER.readTree(html.substring(start, html.indexOf("</script>", start))));
  }
}

package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.Json;
import dev.llmload.simulations.ConcurrencySweep;
import dev.llmload.targets.ChildRun;
import dev.llmload.targets.RepeatRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repetitions end to end: a one-level ConcurrencySweep against the embedded server run twice, each in a JVM of its own,
 * then their median written as a folder of its own and held against a baseline the median is far below.
 */
class RepeatEndToEndTest {

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twoRunsTheirMedianAndTheSpreadHeldAgainstTheBaseline() throws Exception {
    Path userFiles = Files.createDirectories(dir.resolve("user-files/baselines")).getParent();
    Files.writeString(userFiles.resolve("baselines/nightly.json"),
        "{ \"simulation\": \"ConcurrencySweep\", \"levels\": [ { \"label\": \"c=2\", \"outputTokensPerSecond\": 1000000 } ] }");
    Files.writeString(userFiles.resolve("nightly.conf"), """
        llm {
          sweep { levels = [2], levelDuration = 2s, warmup = 1s }
          request.maxTokens = 16
          gates = [ { metric = "outputTokensPerSecond", level = "c=2", min = 1 }, { metric = "ttftMs.p50", level = "c=2", max = 0.001 } ]
          baseline {
            file = "baselines/nightly.json"
            tolerances { requestsPerSecond = null, "ttftMs.p95" = null, "itlMs.p50" = null, "e2eMs.p95" = null }
          }
        }
        """);
    Map<String, String> commandLine = Map.of("llm.userFiles", userFiles.toString(), "llm.profile", "nightly", "llm.report.dir",
        dir.resolve("reports").toString());
    Properties properties = new Properties();
    properties.putAll(commandLine);
    LlmSettings settings = SettingsLoader.loadForTest(properties, Map.of());
    ChildRun child = new ChildRun(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
        dir.resolve("gatling"), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    RepeatRun.Result result = new RepeatRun(child, new ConsoleReporter(new PrintStream(out, true, StandardCharsets.UTF_8)), l -> {})
        .run(ConcurrencySweep.class.getName(), 2, commandLine, settings.report().dir(), settings.baseline(), settings.gates());

    assertEquals(List.of(), result.failures(), out.toString(StandardCharsets.UTF_8));
    assertEquals(2, result.folders().size());
    assertTrue(result.folders().get(0).getFileName().toString().startsWith("ConcurrencySweep-rep1-"), result.folders().toString());
    assertTrue(result.medianFolder().getFileName().toString().startsWith("ConcurrencySweep-median-of-2-"), result.medianFolder().toString());
    JsonNode median = Json.MAPPER.readTree(result.medianFolder().resolve("summary.json").toFile());
    assertEquals(2, median.at("/repetitions/count").asInt());
    double[] tps = new double[2];
    for (int i = 0; i < 2; i++) {
      tps[i] = Json.MAPPER.readTree(result.folders().get(i).resolve("summary.json").toFile()).at("/levels/0/outputTokensPerSecond").asDouble();
    }
    JsonNode level = median.at("/levels/0");
    assertEquals((tps[0] + tps[1]) / 2, level.get("outputTokensPerSecond").asDouble(), 1e-9);
    assertEquals(Math.min(tps[0], tps[1]), level.at("/spread/outputTokensPerSecond/min").asDouble(), 0);
    assertEquals(Math.max(tps[0], tps[1]), level.at("/spread/outputTokensPerSecond/max").asDouble(), 0);
    assertFalse(result.baseline().passed());
    assertEquals("regressed", median.at("/baseline/checks/0/status").asText());
    assertEquals(level.get("outputTokensPerSecond").asDouble(), median.at("/baseline/checks/0/measured").asDouble(), 0);
    // the gates judge the median: one met, one not; junit.xml holds them with the baseline's checks
    assertEquals(List.of(true, false), result.gates().stream().map(dev.llmload.nightly.Check::passed).toList(), result.gates().toString());
    assertEquals(2, median.get("gates").size());
    String junit = Files.readString(result.medianFolder().resolve("junit.xml"));
    assertTrue(junit.contains(".gates\" tests=\"2\"") && junit.contains(".baseline\" tests="), junit);
  }
}

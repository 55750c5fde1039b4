package dev.llmload.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.metrics.LevelSummary;
import dev.llmload.workload.LevelKind;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryReplayTest {

  @TempDir
  Path dir;

  private static LevelSummary level(int index, String label, double outputTokensPerSecond) {
    return new LevelSummary(index, label, "concurrency", (double) index + 1, null, 2, new LevelSummary.RequestCounts(10, 0, 0, 10), 2, 1, 0,
        null, null, null, null, null, null, outputTokensPerSecond, outputTokensPerSecond * 2, 1, outputTokensPerSecond * 60, 100.0, 128.0,
        "usage", List.of(), null, null, null, null, null, null);
  }

  @Test
  void theServerLinesGiveEachLevelItsFiguresAndTheKnee() throws Exception {
    // two levels of 1 s warm-up + 2 s measured: c=1 measured over [1, 3) s, c=8 over [4, 6) s
    LevelSchedule schedule = new LevelSchedule(List.of(
        new LoadLevel(0, "c=1", LevelKind.CONCURRENCY, 1, Duration.ofSeconds(1), Duration.ofSeconds(2)),
        new LoadLevel(1, "c=8", LevelKind.CONCURRENCY, 8, Duration.ofSeconds(1), Duration.ofSeconds(2))));
    Path file = dir.resolve(RunTelemetry.FILE_NAME);
    Files.writeString(file, String.join("\n",
        "{\"source\":\"server\",\"t\":1.5,\"kind\":\"vllm\",\"running\":1.0,\"waiting\":0.0,\"kvCacheUsage\":0.01}",
        "{\"source\":\"client\",\"t\":1.6,\"cpuCores\":0.2}",
        "not json",
        "{\"source\":\"server\",\"t\":4.5,\"kind\":\"vllm\",\"running\":4.0,\"waiting\":4.0,\"kvCacheUsage\":0.2}",
        "{\"source\":\"server\",\"t\":5.5,\"kind\":\"vllm\",\"running\":4.0,\"waiting\":4.0,\"kvCacheUsage\":0.3}") + "\n");

    TelemetrySummary t = TelemetryReplay.read(file, List.of(level(0, "c=1", 100), level(1, "c=8", 400)), schedule, 1.0, 6.0);

    assertEquals("vLLM", t.server());
    assertEquals(1, t.levels().get(0).server().samples());
    assertEquals(4.0, t.levels().get(1).server().waitingMean());
    assertEquals(30.0, t.levels().get(1).server().kvCacheMaxPercent());
    assertNull(t.levels().get(1).client(), "the client's samples are not there to judge by");
    assertEquals(Bottleneck.BATCH_LIMIT, t.knee().bottleneck());
    assertEquals(java.util.Arrays.asList(null, 1.0, null, null, 4.0, 4.0), t.series().running());
    assertTrue(t.notes().get(0).startsWith("rebuilt from telemetry.jsonl"), t.notes().toString());
  }

  @Test
  void noFileOrNoServerLineIsNoTelemetry() throws Exception {
    LevelSchedule schedule = new LevelSchedule(List.of(new LoadLevel(0, "c=1", LevelKind.CONCURRENCY, 1, Duration.ZERO, Duration.ofSeconds(1))));
    assertNull(TelemetryReplay.read(dir.resolve("missing.jsonl"), List.of(level(0, "c=1", 1)), schedule, 1.0, 1.0));
    Path clientOnly = dir.resolve("client.jsonl");
    Files.writeString(clientOnly, "{\"source\":\"client\",\"t\":0.5,\"cpuCores\":0.2}\n");
    assertNull(TelemetryReplay.read(clientOnly, List.of(level(0, "c=1", 1)), schedule, 1.0, 1.0));
  }
}

package dev.llmload.workload.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetSourceTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  @Test
  void cyclesThroughTheRecordsInFileOrderKeepingTheirLabels() {
    Map<String, String> label = Map.of("dataset", "x.jsonl");
    DatasetSource source = new DatasetSource(List.of(new PlannedRequest("a", label), new PlannedRequest("b", label),
        new PlannedRequest("c", label)));
    List<String> prompts = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      PlannedRequest r = source.next(LEVEL);
      assertEquals(label, r.labels());
      prompts.add(r.prompt());
    }
    assertEquals(List.of("a", "b", "c", "a", "b", "c", "a"), prompts);
  }
}

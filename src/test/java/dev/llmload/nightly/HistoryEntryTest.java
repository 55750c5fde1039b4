package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class HistoryEntryTest {

  @Test
  void aSummaryGivesItsHeadlineNumbersPerLevel() {
    HistoryEntry e = HistoryEntry.of(HistoryFixtures.summary());
    assertEquals("ConcurrencySweep-20250304-020000", e.runId());
    assertEquals("2025-03-04T02:00:00Z", e.startedAt());
    assertEquals("ConcurrencySweep", e.simulation());
    assertEquals("gpu-a", e.targetName());
    assertEquals("llama", e.model());
    assertEquals(new HistoryEntry.Level("c=4", 400.5, 30.0, 60.0, 90.0, 8.5, 1500.0, 0.05, 0.9), e.levels().get(0),
        "error rate = (3 errored + 2 incomplete) / 100 measured");
    assertEquals("c=4", e.highestLoadWithinSlo());
    assertEquals(3.47, e.costAtSloPerMillionOutputTokensUsd(), 1e-12);
  }

  @Test
  void whatALevelDidNotMeasureIsNull() {
    HistoryEntry.Level none = HistoryEntry.of(HistoryFixtures.summary()).levels().get(1);
    assertEquals(new HistoryEntry.Level("c=64", 0, null, null, null, null, null, null, null), none);
  }

  @Test
  void aSummaryWithoutSloOrTargetNameHasNullsThere() {
    var summary = HistoryFixtures.summary().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) summary).remove("slo");
    ((com.fasterxml.jackson.databind.node.ObjectNode) summary.get("target")).remove("name");
    HistoryEntry e = HistoryEntry.of(summary);
    assertNull(e.highestLoadWithinSlo());
    assertNull(e.costAtSloPerMillionOutputTokensUsd());
    assertNull(e.targetName());
  }

  @Test
  void somethingElseIsNotASummary() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HistoryEntry.of(JsonNodeFactory.instance.objectNode().put("hello", 1)));
    assertEquals("not a run's summary (no simulation or levels)", e.getMessage());
  }
}

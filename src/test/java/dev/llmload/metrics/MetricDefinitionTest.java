package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricDefinitionTest {

  /**
   * README "Metrics" has one row per definition, in this order, and no other: the metric's name (bold in the README),
   * the formula as one code span (an empty cell when there is none) and the meaning. Cells are compared after
   * {@link ReadmeTable}'s normalisation: trimmed, markdown emphasis outside code spans dropped, backticks kept (the
   * meanings here write code in backticks too); the formula's own backticks are taken off.
   */
  @Test
  void readmeTableIsThisEnum() {
    String expected = Arrays.stream(MetricDefinition.values()).map(d -> d.label() + " | " + d.formula() + " | " + d.meaning())
        .collect(Collectors.joining("\n"));
    String readme = ReadmeTable.rows("## Metrics").stream().map(r -> {
      assertEquals(3, r.size(), "three cells: " + r);
      return r.get(0) + " | " + ReadmeTable.code(r.get(1)) + " | " + r.get(2);
    }).collect(Collectors.joining("\n"));
    assertEquals(expected, readme);
  }

  @Test
  void textsFitOneTableCell() {
    for (MetricDefinition d : MetricDefinition.values()) {
      for (String text : new String[] {d.label(), d.formula(), d.meaning()}) {
        assertFalse(text.contains("\n") || text.contains("|"), d + ": " + text);
      }
      assertFalse(d.label().isBlank() || d.meaning().isBlank(), d.name());
      assertFalse(d.formula().contains("`"), d + ": the formula is code already");
      assertTrue(d.meaning().chars().filter(c -> c == '`').count() % 2 == 0, d + ": unbalanced backticks");
    }
  }
}

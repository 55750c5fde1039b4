package dev.llmload.compare;

import java.util.Objects;

/**
 * A run's highest load within its SLO ({@code slo.highestLoadWithinSlo} of {@code summary.json}): the level, its
 * output tokens/s there, and the cost per 1M output tokens there (null when the run set no cost).
 */
public record SloPoint(int index, String label, Double outputTokensPerSecond, Double costPerMillionOutputTokensUsd) {

  public SloPoint {
    if (index < 0) {
      throw new IllegalArgumentException("index must be at least 0, was " + index);
    }
    Objects.requireNonNull(label, "label");
  }
}

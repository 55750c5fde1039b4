package dev.llmload.metrics;

import dev.llmload.config.SloSettings;

/** A level's good requests ({@link SloCheck#good}) and their output tokens. Not thread-safe, as {@link LevelStats}. */
final class SloTally {

  long good;
  double goodOutputTokens;

  /** Counts a measured request of the level, whatever its outcome. */
  void add(SloSettings slo, RequestRecord r) {
    if (SloCheck.good(slo, r)) {
      good++;
      goodOutputTokens += RequestMetrics.outputTokens(r);
    }
  }
}

package dev.llmload.metrics;

import dev.llmload.config.SloSettings;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The run against its SLO, as {@code summary.json} holds it at the top: the limits as configured, and the headline -
 * the highest load within the SLO ({@link MetricDefinition#HIGHEST_LOAD_WITHIN_SLO}), null when no level met it.
 */
public record RunSlo(SloSettings limits, HighestLoad highestLoadWithinSlo) {

  /**
   * The level that met the SLO under the most load, with the output tokens/s it delivered and what a million of them
   * cost there (null without {@code llm.cost}).
   */
  public record HighestLoad(int index, String label, double outputTokensPerSecond, Double costPerMillionOutputTokensUsd) {}

  /** The run's SLO over its {@code levels} (each judged already, {@link LevelSummary#slo()}); null when {@code limits} judge nothing. */
  public static RunSlo of(SloSettings limits, List<LevelSummary> levels) {
    if (!limits.defined()) {
      return null;
    }
    return new RunSlo(limits, highestLoadWithin(levels).map(l -> new HighestLoad(l.index(), l.label(), l.outputTokensPerSecond(),
        l.cost() == null ? null : l.cost().perMillionOutputTokensUsd())).orElse(null));
  }

  /**
   * Of the levels that met the SLO, the one under the most load: the most users when they are all concurrency levels,
   * the highest rate when they are all rate levels; when they are of different kinds (a RateSweep's measuring phases next
   * to its rates) or probe steps, which have no common measure of load, the one that delivered the most output tokens/s.
   * A tie goes to the later level. Empty when none met it.
   */
  public static Optional<LevelSummary> highestLoadWithin(List<LevelSummary> levels) {
    List<LevelSummary> met = levels.stream().filter(l -> l.slo() != null && l.slo().met()).toList();
    if (met.isEmpty()) {
      return Optional.empty();
    }
    String kind = met.get(0).kind();
    boolean oneLoadAxis = !"step".equals(kind) && met.stream().allMatch(l -> kind.equals(l.kind()));
    Comparator<LevelSummary> byLoad = oneLoadAxis ? Comparator.comparingDouble(RunSlo::offeredLoad)
        : Comparator.comparingDouble(LevelSummary::outputTokensPerSecond);
    return met.stream().max(byLoad.thenComparingInt(LevelSummary::index));
  }

  private static double offeredLoad(LevelSummary l) {
    return l.concurrency() != null ? l.concurrency() : l.rate() != null ? l.rate() : 0;
  }
}

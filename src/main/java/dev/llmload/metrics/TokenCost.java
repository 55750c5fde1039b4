package dev.llmload.metrics;

import dev.llmload.config.CostSettings;

/**
 * What a level's tokens cost, from what the hardware costs an hour ({@link CostSettings}) and the throughput the level
 * delivered ({@link MetricDefinition#COST_PER_MILLION_TOKENS}): {@code gpus x gpuHourlyUsd / 3600 / tokens per second x
 * 1e6} dollars per million tokens. Pure.
 */
public final class TokenCost {

  private TokenCost() {}

  /** The level's cost at {@code outputTokensPerSecond} and {@code totalTokensPerSecond}; null without a price. */
  public static LevelSummary.Cost of(CostSettings cost, double outputTokensPerSecond, double totalTokensPerSecond) {
    if (!cost.priced()) {
      return null;
    }
    return new LevelSummary.Cost(perMillionTokensUsd(cost, outputTokensPerSecond), perMillionTokensUsd(cost, totalTokensPerSecond));
  }

  /** Dollars per million tokens at {@code tokensPerSecond}, to 4 decimals; null when nothing was delivered or there is no price. */
  public static Double perMillionTokensUsd(CostSettings cost, double tokensPerSecond) {
    if (!cost.priced() || !(tokensPerSecond > 0)) {
      return null;
    }
    double dollarsPerSecond = cost.gpuCount() * cost.gpuHourlyUsd() / 3600;
    return Math.round(dollarsPerSecond / tokensPerSecond * 1e6 * 10_000) / 10_000.0;
  }
}

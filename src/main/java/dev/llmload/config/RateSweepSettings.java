package dev.llmload.config;

import java.time.Duration;
import java.util.List;

/**
 * The rate sweep ({@code RateSweep}): {@code llm.rateSweep}.
 *
 * @param rates requests/s to run, in order; empty: measure the synchronous and the saturated rate first and run
 *     {@code steps} rates evenly between them
 * @param steps how many rates between the measured two
 * @param throughputConcurrency users of the saturated (throughput) phase
 * @param phaseDuration measured part of each of the two measuring phases
 * @param levelDuration measured part of each rate
 * @param warmup start of every phase and rate left out of the statistics
 */
public record RateSweepSettings(List<Double> rates, int steps, int throughputConcurrency, Duration phaseDuration, Duration levelDuration,
    Duration warmup) {

  public RateSweepSettings {
    rates = List.copyOf(rates);
    for (double r : rates) {
      if (!(r > 0) || r > 100_000) {
        throw ConfigException.invalid("llm.rateSweep.rates", r, "each rate must be above 0 and at most 100000 requests per second");
      }
    }
    if (steps < 1 || steps > 50) {
      throw ConfigException.invalid("llm.rateSweep.steps", steps, "must be between 1 and 50");
    }
    if (throughputConcurrency < 1 || throughputConcurrency > SweepSettings.MAX_CONCURRENCY) {
      throw ConfigException.invalid("llm.rateSweep.throughputConcurrency", throughputConcurrency,
          "must be between 1 and " + SweepSettings.MAX_CONCURRENCY);
    }
    for (var d : List.of(java.util.Map.entry("llm.rateSweep.phaseDuration", phaseDuration),
        java.util.Map.entry("llm.rateSweep.levelDuration", levelDuration))) {
      if (d.getValue().isNegative() || d.getValue().isZero()) {
        throw ConfigException.invalid(d.getKey(), d.getValue(), "must be positive");
      }
      SweepSettings.requireWholeSeconds(d.getKey(), d.getValue());
    }
    if (warmup.isNegative()) {
      throw ConfigException.invalid("llm.rateSweep.warmup", warmup, "must be zero or positive");
    }
    SweepSettings.requireWholeSeconds("llm.rateSweep.warmup", warmup);
  }
}

package dev.llmload.config;

import java.time.Duration;
import java.util.Locale;

/**
 * The single-level workloads ({@code ConstantConcurrency}, {@code ConstantRate}): {@code llm.workload}.
 *
 * @param concurrency users kept busy by ConstantConcurrency
 * @param rate requests started per second by ConstantRate
 * @param duration measured part of the level
 * @param warmup leading part of the level left out of the statistics
 * @param requests ConstantRate: at most this many requests (0: as many as {@code duration} holds)
 * @param arrivals {@code poisson} (random gaps, the default) or {@code uniform} (even gaps)
 * @param burstiness gamma shape of Poisson gaps: 1 = exponential, below 1 burstier, above 1 more even (vLLM's --burstiness)
 * @param maxInFlight ConstantRate: at most this many requests in flight (0: no limit); waiting for a slot shows as send lag
 * @param seed seeds the arrival times
 */
public record WorkloadSettings(int concurrency, double rate, Duration duration, Duration warmup, long requests, String arrivals,
    double burstiness, int maxInFlight, long seed) {

  public WorkloadSettings {
    if (concurrency < 1 || concurrency > SweepSettings.MAX_CONCURRENCY) {
      throw ConfigException.invalid("llm.workload.concurrency", concurrency, "must be between 1 and " + SweepSettings.MAX_CONCURRENCY);
    }
    if (!(rate > 0) || rate > 100_000) {
      throw ConfigException.invalid("llm.workload.rate", rate, "must be above 0 and at most 100000 requests per second");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw ConfigException.invalid("llm.workload.duration", duration, "must be positive");
    }
    if (warmup.isNegative()) {
      throw ConfigException.invalid("llm.workload.warmup", warmup, "must be zero or positive");
    }
    SweepSettings.requireWholeSeconds("llm.workload.duration", duration);
    SweepSettings.requireWholeSeconds("llm.workload.warmup", warmup);
    if (requests < 0) {
      throw ConfigException.invalid("llm.workload.requests", requests, "must be zero (no limit) or positive");
    }
    arrivals = arrivals.toLowerCase(Locale.ROOT);
    if (!arrivals.equals("poisson") && !arrivals.equals("uniform")) {
      throw ConfigException.invalid("llm.workload.arrivals", arrivals, "must be poisson or uniform");
    }
    if (!(burstiness > 0) || burstiness > 1000) {
      throw ConfigException.invalid("llm.workload.burstiness", burstiness, "must be above 0 (1 = Poisson, below 1 burstier)");
    }
    if (maxInFlight < 0) {
      throw ConfigException.invalid("llm.workload.maxInFlight", maxInFlight, "must be zero (no limit) or positive");
    }
  }
}

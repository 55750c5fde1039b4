package dev.llmload.config;

import java.time.Duration;

/**
 * When a run ends before its schedule: {@code llm.stop}.
 *
 * @param errorRate a level whose failed share of measured requests is above this ends the sweep after it (1: never)
 * @param ttftP50 a level whose TTFT median is above this ends the sweep after it (0s: never)
 * @param achievedRateShare an open level whose achieved rate is below this share of its target ends the sweep (0: never)
 * @param maxDuration the run stops starting requests after this long (0s: when the schedule ends)
 */
public record StopSettings(double errorRate, Duration ttftP50, double achievedRateShare, Duration maxDuration) {

  public StopSettings {
    if (!(errorRate > 0) || errorRate > 1) {
      throw ConfigException.invalid("llm.stop.errorRate", errorRate, "must be above 0 and at most 1 (1: never stop for errors)");
    }
    if (ttftP50.isNegative()) {
      throw ConfigException.invalid("llm.stop.ttftP50", ttftP50, "must be zero (never) or positive");
    }
    if (achievedRateShare < 0 || achievedRateShare >= 1) {
      throw ConfigException.invalid("llm.stop.achievedRateShare", achievedRateShare, "must be at least 0 (never) and below 1");
    }
    if (maxDuration.isNegative()) {
      throw ConfigException.invalid("llm.stop.maxDuration", maxDuration, "must be zero (no limit) or positive");
    }
  }
}

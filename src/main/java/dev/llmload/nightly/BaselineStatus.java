package dev.llmload.nightly;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one metric (or one level) held against the baseline; {@link #passes()} says whether the run met it. */
public enum BaselineStatus {
  /** Moved less than the tolerance in either direction. */
  WITHIN("within", true),
  /** Moved in the good direction by more than the tolerance: worth promoting a new baseline. */
  IMPROVED("improved", true),
  /** Moved in the bad direction by more than the tolerance. */
  REGRESSED("regressed", false),
  /** The baseline has the level, this run does not (it stopped early, or the levels changed). */
  LEVEL_MISSING_IN_RUN("levelMissingInRun", false),
  /** This run has a level the baseline does not: nothing to hold it against, so it passes, said as such. */
  LEVEL_MISSING_IN_BASELINE("levelMissingInBaseline", true),
  /** The metric is missing (or not a number) in the baseline or in this run, e.g. no successful request. */
  METRIC_MISSING("metricMissing", false),
  /** The baseline file could not be read. */
  BASELINE_UNREADABLE("baselineUnreadable", false);

  private final String jsonName;
  private final boolean passes;

  BaselineStatus(String jsonName, boolean passes) {
    this.jsonName = jsonName;
    this.passes = passes;
  }

  /** As {@code summary.json} writes it. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  public boolean passes() {
    return passes;
  }
}

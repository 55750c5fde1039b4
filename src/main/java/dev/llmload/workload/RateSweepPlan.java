package dev.llmload.workload;

import java.util.ArrayList;
import java.util.List;

/** The rates of a rate sweep, from what its two measuring phases found. Pure. */
public final class RateSweepPlan {

  private RateSweepPlan() {}

  /**
   * {@code steps} rates evenly spaced strictly between the synchronous rate (one request at a time) and the saturated
   * rate (the server at full load): the first a step above synchronous, the last a step below saturation. Empty when
   * the server did not get faster with load (no rate between the two), or a rate is not a positive number.
   */
  public static List<Double> rates(double synchronousPerSecond, double saturatedPerSecond, int steps) {
    List<Double> out = new ArrayList<>();
    if (!(synchronousPerSecond > 0) || !(saturatedPerSecond > synchronousPerSecond) || steps < 1) {
      return out;
    }
    double gap = (saturatedPerSecond - synchronousPerSecond) / (steps + 1);
    for (int i = 1; i <= steps; i++) {
      out.add(Math.round((synchronousPerSecond + gap * i) * 1000) / 1000.0);
    }
    return out;
  }
}

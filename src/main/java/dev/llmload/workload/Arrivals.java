package dev.llmload.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When the requests of an open level start: Poisson arrivals by default (exponential gaps, like real users acting
 * independently), evenly spaced ({@code uniform}), or gamma-distributed gaps with a burstiness factor as vLLM's
 * {@code --burstiness} (shape = burstiness, mean gap 1/rate: 1 is Poisson, below 1 burstier, above 1 more even).
 * Seeded: the same settings give the same arrivals.
 *
 * @param process how gaps are drawn
 * @param burstiness gamma shape for {@link Process#POISSON} (1 = exponential gaps); ignored for uniform
 * @param seed seeds each level's draw (mixed with the level index)
 */
public record Arrivals(Process process, double burstiness, long seed) {

  /** How the gaps between arrivals are drawn. */
  public enum Process {
    /** Random gaps with mean 1/rate: exponential (Poisson arrivals) at burstiness 1, gamma otherwise. */
    POISSON,
    /** Every gap exactly 1/rate. */
    UNIFORM
  }

  public Arrivals {
    if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
      throw new IllegalArgumentException("burstiness must be a positive number, was " + burstiness);
    }
  }

  public static Arrivals poisson(long seed) {
    return new Arrivals(Process.POISSON, 1.0, seed);
  }

  /**
   * Arrival times, in nanoseconds from the level's start, of a level at {@code perSecond} requests per second: every
   * arrival before {@code durationNanos}, at most {@code maxCount} (0 = no limit).
   */
  public long[] offsetsNanos(int levelIndex, double perSecond, long durationNanos, long maxCount) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, was " + perSecond);
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + levelIndex);
    double meanGapNanos = 1e9 / perSecond;
    long[] out = new long[16];
    int n = 0;
    double t = 0;
    while (maxCount == 0 || n < maxCount) {
      long at = Math.round(t);
      if (at >= durationNanos) {
        break;
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = at;
      t += gapNanos(random, meanGapNanos);
    }
    return Arrays.copyOf(out, n);
  }

  private double gapNanos(SplittableRandom random, double meanGapNanos) {
    return switch (process) {
      case UNIFORM -> meanGapNanos;
      case POISSON -> burstiness == 1.0
          ? -Math.log(1.0 - random.nextDouble()) * meanGapNanos
          : gamma(random, burstiness) * meanGapNanos / burstiness;
    };
  }

  /** A gamma(shape, 1) draw: Marsaglia and Tsang's method, boosted for shape below 1. */
  static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      return gamma(random, shape + 1) * Math.pow(1.0 - random.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal(random);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1.0 - random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

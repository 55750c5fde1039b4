package dev.llmload.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Arrival schedules against their distributions, with a fixed seed and stated tolerances. */
class ArrivalsTest {

  private static final long HOUR = 3_600_000_000_000L;

  /** Mean and variance of the gaps, in seconds. */
  private static double[] gapStats(long[] at) {
    int n = at.length - 1;
    double sum = 0;
    double sumSq = 0;
    for (int i = 1; i < at.length; i++) {
      double gap = (at[i] - at[i - 1]) / 1e9;
      sum += gap;
      sumSq += gap * gap;
    }
    double mean = sum / n;
    return new double[] {mean, sumSq / n - mean * mean};
  }

  @Test
  void poissonGapsHaveMeanOneOverRateAndVarianceMeanSquared() {
    long[] at = Arrivals.poisson(42).offsetsNanos(0, 10, HOUR, 20_000);
    assertEquals(20_000, at.length);
    double[] s = gapStats(at);
    assertEquals(0.1, s[0], 0.1 * 0.03, "mean gap 1/rate within 3 %");
    assertEquals(0.01, s[1], 0.01 * 0.06, "exponential: variance = mean^2 within 6 %");
  }

  @Test
  void burstinessIsTheGammaShapeOfTheGaps() {
    for (double burstiness : new double[] {0.25, 4.0}) {
      long[] at = new Arrivals(Arrivals.Process.POISSON, burstiness, 7).offsetsNanos(0, 5, HOUR, 40_000);
      double[] s = gapStats(at);
      assertEquals(0.2, s[0], 0.2 * 0.03, "mean gap stays 1/rate at burstiness " + burstiness);
      double expectedVariance = 0.2 * 0.2 / burstiness;
      assertEquals(expectedVariance, s[1], expectedVariance * 0.08, "variance = mean^2 / burstiness at " + burstiness);
    }
  }

  @Test
  void uniformGapsAreExactlyOneOverRate() {
    long[] at = new Arrivals(Arrivals.Process.UNIFORM, 1, 1).offsetsNanos(0, 4, 1_000_000_000L, 0);
    assertArrayEquals(new long[] {0, 250_000_000, 500_000_000, 750_000_000}, at, "arrivals before the end of the level only");
  }

  @Test
  void theSameSeedAndLevelDrawTheSameArrivalsAndLevelsDiffer() {
    Arrivals a = Arrivals.poisson(42);
    assertArrayEquals(a.offsetsNanos(3, 8, 10_000_000_000L, 0), Arrivals.poisson(42).offsetsNanos(3, 8, 10_000_000_000L, 0));
    assertTrue(a.offsetsNanos(3, 8, 10_000_000_000L, 0)[1] != a.offsetsNanos(4, 8, 10_000_000_000L, 0)[1]);
  }

  @Test
  void aCountStopsTheDraw() {
    assertEquals(7, Arrivals.poisson(1).offsetsNanos(0, 100, HOUR, 7).length);
  }

  @Test
  void badParametersAreRefusedWithTheRule() {
    assertEquals("burstiness must be a positive number, was 0.0",
        assertThrows(IllegalArgumentException.class, () -> new Arrivals(Arrivals.Process.POISSON, 0, 1)).getMessage());
    assertEquals("rate must be positive, was -1.0",
        assertThrows(IllegalArgumentException.class, () -> Arrivals.poisson(1).offsetsNanos(0, -1, HOUR, 0)).getMessage());
  }
}

package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The text forms of a token length, and what their draws look like with a fixed seed (explicit tolerances). */
class TokenLengthTest {

  private static final int DRAWS = 20_000;

  private static int[] draws(TokenLength l, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return IntStream.range(0, DRAWS).map(i -> l.draw(r)).toArray();
  }

  @Test
  void readsEachForm() {
    assertEquals(new TokenLength.Fixed(512), TokenLength.parse("k", " 512 "));
    assertEquals(new TokenLength.Uniform(256, 1024), TokenLength.parse("k", "uniform(256, 1024)"));
    assertEquals(new TokenLength.Normal(512, 64, 320, 704), TokenLength.parse("k", "normal(512, 64)"), "bounds: mean -/+ 3 stddev");
    assertEquals(new TokenLength.Normal(512, 128, 100, 600), TokenLength.parse("k", "Normal(512,128,100,600)"));
    TokenLength w = TokenLength.parse("k", "weighted(128: 0.7, 2048: 0.3)");
    assertEquals("weighted(128: 0.7, 2048: 0.3)", w.describe());
    assertEquals(128, w.min());
    assertEquals(2048, w.max());
    assertEquals(1, TokenLength.parse("k", "normal(4, 10)").min(), "the lower bound is at least 1");
  }

  @Test
  void aBadFormNamesTheKeyAndTheForms() {
    for (String bad : new String[] {"abc", "0", "uniform(5)", "uniform(9, 3)", "normal(1, 2, 3)", "normal(50, -1)", "normal(500, 1, 1, 10)",
        "weighted(5)", "weighted(5: -1)", "weighted(5: 0)", "poisson(3)", "1.5", "2000000"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> TokenLength.parse("llm.request.synthetic.inputTokens", bad), bad);
      assertTrue(e.getMessage().startsWith("llm.request.synthetic.inputTokens: invalid value \"" + bad + "\""), e.getMessage());
    }
  }

  @Test
  void theSameSeedDrawsTheSameLengths() {
    TokenLength l = TokenLength.parse("k", "normal(512, 128)");
    assertEquals(java.util.Arrays.toString(draws(l, 7)), java.util.Arrays.toString(draws(l, 7)));
    assertTrue(!java.util.Arrays.equals(draws(l, 7), draws(l, 8)));
  }

  @Test
  void uniformDrawsCoverTheRangeEvenly() {
    int[] d = draws(new TokenLength.Uniform(100, 199), 42);
    assertTrue(IntStream.of(d).allMatch(v -> v >= 100 && v <= 199));
    assertEquals(149.5, IntStream.of(d).average().orElseThrow(), 1.5, "mean within 1 %");
    assertEquals(100, IntStream.of(d).min().orElseThrow());
    assertEquals(199, IntStream.of(d).max().orElseThrow());
  }

  @Test
  void normalDrawsHaveTheirMeanAndDeviationWithinTheBounds() {
    int[] d = draws(new TokenLength.Normal(512, 64, 384, 640), 42);
    assertTrue(IntStream.of(d).allMatch(v -> v >= 384 && v <= 640));
    double mean = IntStream.of(d).average().orElseThrow();
    double sd = Math.sqrt(IntStream.of(d).mapToDouble(v -> (v - mean) * (v - mean)).sum() / d.length);
    assertEquals(512, mean, 512 * 0.01, "mean within 1 %");
    assertEquals(64 * 0.88, sd, 64 * 0.05, "cut at 2 deviations, the deviation shrinks to about 0.88 of it; within 5 %");
  }

  @Test
  void weightedDrawsFollowTheWeights() {
    int[] d = draws(TokenLength.parse("k", "weighted(128: 0.7, 2048: 0.2, 4096: 0.1, 9: 0)"), 42);
    assertEquals(0.7, IntStream.of(d).filter(v -> v == 128).count() / (double) DRAWS, 0.015);
    assertEquals(0.2, IntStream.of(d).filter(v -> v == 2048).count() / (double) DRAWS, 0.015);
    assertEquals(0.1, IntStream.of(d).filter(v -> v == 4096).count() / (double) DRAWS, 0.015);
    assertEquals(0, IntStream.of(d).filter(v -> v == 9).count(), "a zero weight is never drawn");
  }
}

package dev.llmload.server.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * How many tokens a request generates when it does not set {@code ignore_eos}: the "natural" length at which the
 * simulated model would emit EOS, drawn per request and then capped by the request's {@code max_tokens}.
 *
 * @param distribution the shape
 * @param meanTokens the mean ({@code fixed}: the value; {@code lognormal}: the mean of the distribution)
 * @param sigma {@code lognormal} only: the standard deviation of the underlying normal (0.8 is chat-like)
 * @param minTokens every draw is at least this
 * @param maxTokens every draw is at most this ({@code uniform} draws between min and max)
 */
public record OutputLength(Distribution distribution, int meanTokens, double sigma, int minTokens, int maxTokens) {

  /** The shapes on offer. */
  public enum Distribution {
    FIXED,
    UNIFORM,
    LOGNORMAL;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fixed}, {@code uniform} or {@code lognormal}; anything else fails with the valid names. */
    public static Distribution fromConfigName(String name) {
      for (Distribution d : values()) {
        if (d.configName().equalsIgnoreCase(name.trim())) {
          return d;
        }
      }
      throw new IllegalArgumentException("outputLength.distribution must be one of "
          + Arrays.stream(values()).map(Distribution::configName).collect(Collectors.joining(", "))
          + ", was '" + name + "'");
    }
  }

  public OutputLength {
    if (distribution == null) {
      throw new IllegalArgumentException("outputLength.distribution must be set, was null");
    }
    if (minTokens < 1) {
      throw new IllegalArgumentException("outputLength.minTokens must be at least 1, was " + minTokens);
    }
    if (maxTokens < minTokens) {
      throw new IllegalArgumentException(
          "outputLength.maxTokens must be at least minTokens (" + minTokens + "), was " + maxTokens);
    }
    if (meanTokens < 1) {
      throw new IllegalArgumentException("outputLength.meanTokens must be at least 1, was " + meanTokens);
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("outputLength.sigma must be zero or positive and finite, was " + sigma);
    }
  }

  /** Always {@code tokens}. */
  public static OutputLength fixed(int tokens) {
    return new OutputLength(Distribution.FIXED, tokens, 0, 1, Math.max(1, tokens));
  }

  /** A draw for one request; the same seed gives the same draw. */
  public int sample(long seed) {
    int drawn = switch (distribution) {
      case FIXED -> meanTokens;
      case UNIFORM -> minTokens + new SplittableRandom(seed).nextInt(maxTokens - minTokens + 1);
      case LOGNORMAL -> {
        double mu = Math.log(meanTokens) - sigma * sigma / 2;
        yield (int) Math.min(Integer.MAX_VALUE, Math.round(Math.exp(mu + sigma * new SplittableRandom(seed)
            .nextGaussian())));
      }
    };
    return Math.max(minTokens, Math.min(maxTokens, drawn));
  }
}

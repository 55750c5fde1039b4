package dev.llmload.workload;

import dev.llmload.tokens.TokenCounter;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RequestSource#unique}: every prompt starts with its own 16-hex-digit tag. When the source it wraps asked for
 * token counts (its requests carry a requested input length), the tag's tokens are counted once at preparation - the
 * mean over a few sample tags, each counted in front of a word as in a real prompt - and added to every requested
 * length, so what is requested stays what the server should count.
 */
final class UniquePrompts implements RequestSource {

  /** Sample tags counted at preparation. */
  static final int SAMPLE_TAGS = 8;

  private final RequestSource source;
  private final AtomicLong counter = new AtomicLong();
  private final long key;
  private volatile int tagTokens;

  UniquePrompts(RequestSource source, long seed) {
    this.source = source;
    this.key = new SplittableRandom(seed).nextLong();
  }

  @Override
  public void prepare(Preparation preparation) {
    source.prepare(preparation);
    Optional<TokenCounter> counted = preparation.tokenCounterIfChosen();
    if (counted.isPresent()) {
      tagTokens = tagTokens(counted.get(), key);
      preparation.calibrated("unique tags: " + tagTokens + " tokens each (the mean of " + SAMPLE_TAGS + " sample tags), added to the "
          + "requested input length");
    }
  }

  /** The mean tokens a tag adds in front of a word, over {@link #SAMPLE_TAGS} tags unlike the run's. */
  static int tagTokens(TokenCounter counter, long key) {
    String word = "Explain";
    int base = counter.count(word);
    long sum = 0;
    for (int i = 1; i <= SAMPLE_TAGS; i++) {
      sum += counter.count(tag(-i, key) + word) - base;
    }
    return (int) Math.round((double) sum / SAMPLE_TAGS);
  }

  @Override
  public PlannedRequest next(LoadLevel level) {
    PlannedRequest r = source.next(level).tagged(tag(counter.incrementAndGet(), key));
    return r.inputTokens() < 0 ? r : r.withInputTokens(r.inputTokens() + tagTokens);
  }

  /** The tag of the {@code n}-th request: an odd multiplier makes the scramble one-to-one. */
  static String tag(long n, long key) {
    return String.format("%016x | ", (n * 0x9E3779B97F4A7C15L) ^ key);
  }
}

package dev.llmload.workload.synthetic;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Composes text of an exact number of tokens from a calibrated {@link Vocabulary}: words after the first cost what
 * calibration counted, the first is a one-token starter. A tagged text starts with its unique start: the words that
 * spell a one-to-one scramble of the request's number (40 bits: no two of the first trillion requests share it), so
 * prompts differ from their first token on and none is answered from another's prefix cache. The rest are words drawn
 * from the given generator; the last ones cost one token each, so the count comes out exact. Immutable, thread-safe.
 */
final class PromptComposer {

  /** The bits of a request's number its unique start spells. */
  static final int TAG_BITS = 40;
  private static final long TAG_MASK = (1L << TAG_BITS) - 1;

  private final Vocabulary vocabulary;
  private final long key;
  private final int tagWords;
  private final int maxCost;

  /** @param key scrambles the request numbers (from the seed), so runs with other seeds spell other starts */
  PromptComposer(Vocabulary vocabulary, long key) {
    this.vocabulary = vocabulary;
    this.key = key & TAG_MASK;
    double bitsLeft = TAG_BITS - log2(vocabulary.starters().size());
    this.tagWords = 1 + (int) Math.max(0, Math.ceil(bitsLeft / log2(vocabulary.ones().size()) - 1e-9));
    int max = 1;
    for (int i = 0; i < vocabulary.words().size(); i++) {
      max = Math.max(max, vocabulary.cost(i));
    }
    this.maxCost = max;
  }

  /** Tokens of a unique start (one per word). */
  int tagTokens() {
    return tagWords;
  }

  /**
   * Text of exactly {@code tokens} tokens (as the calibrated tokenizer counts raw text).
   *
   * @param tag the request's number (0 or more): the text starts with its unique start; negative: no unique start
   * @param random draws the words
   * @throws IllegalArgumentException when {@code tokens} is below 1, or below {@link #tagTokens()} with a tag
   */
  String compose(int tokens, long tag, RandomGenerator random) {
    int least = tag >= 0 ? tagWords : 1;
    if (tokens < least) {
      throw new IllegalArgumentException("a synthetic text needs at least " + least + " tokens, was asked for " + tokens);
    }
    List<String> starters = vocabulary.starters();
    List<String> ones = vocabulary.ones();
    List<String> words = vocabulary.words();
    StringBuilder text = new StringBuilder(tokens * 6);
    int left = tokens;
    if (tag >= 0) {
      long v = ((tag * 0x9E3779B97F4A7C15L) ^ key) & TAG_MASK; // an odd multiplier: one-to-one on 40 bits
      text.append(starters.get((int) (v % starters.size())));
      v /= starters.size();
      for (int i = 1; i < tagWords; i++) {
        text.append(' ').append(ones.get((int) (v % ones.size())));
        v /= ones.size();
      }
      left -= tagWords;
    } else {
      text.append(starters.get(random.nextInt(starters.size())));
      left--;
    }
    while (left > maxCost) {
      int i = random.nextInt(words.size());
      text.append(' ').append(words.get(i));
      left -= vocabulary.cost(i);
    }
    while (left > 0) {
      text.append(' ').append(ones.get(random.nextInt(ones.size())));
      left--;
    }
    return text.toString();
  }

  private static double log2(int n) {
    return Math.log(n) / Math.log(2);
  }
}

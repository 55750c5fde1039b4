package dev.llmload.server.text;

/** How long an answer is and why it ends: the output-length rules, as a pure function. */
public final class OutputRules {

  /**
   * @param outputTokens tokens to generate, at least 1
   * @param finishReason {@code "length"} when {@code max_tokens} cut it, {@code "stop"} when the model "chose" EOS
   */
  public record Decision(int outputTokens, String finishReason) {

    public Decision {
      if (outputTokens < 1) {
        throw new IllegalArgumentException("outputTokens must be at least 1, was " + outputTokens);
      }
    }
  }

  private OutputRules() {}

  /**
   * With {@code ignore_eos}: exactly {@code maxTokens}, finish reason {@code length}. Otherwise the natural length
   * is drawn from {@code lengths} (seeded, so repeatable), raised to {@code min_tokens} (EOS is suppressed until
   * then), and capped by {@code maxTokens}; the finish reason is {@code length} when the cap was reached and
   * {@code stop} otherwise.
   */
  public static Decision decide(OutputLength lengths, long seed, int maxTokens, int minTokens, boolean ignoreEos) {
    if (ignoreEos) {
      return new Decision(maxTokens, "length");
    }
    int natural = Math.max(lengths.sample(seed), minTokens);
    return natural >= maxTokens ? new Decision(maxTokens, "length") : new Decision(natural, "stop");
  }
}

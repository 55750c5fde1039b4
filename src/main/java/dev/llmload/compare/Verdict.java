package dev.llmload.compare;

import java.util.Objects;

/**
 * The answer to one question of a comparison: who wins and by how much, as numbers and as the sentence the page shows.
 *
 * @param question {@code highestThroughput}, {@code lowestTtftAtLowestLoad}, {@code highestLoadWithinSlo} or {@code
 *     lowestCostPerMillionOutputTokens}
 * @param title the question for people
 * @param winner the winning run's name; null when not known (the sentence says why) or a tie ({@code tie})
 * @param tie true when the best runs have the same value
 * @param winnerValue the winner's value in {@code unit}; null when not known
 * @param runnerUp the next best run's name; null when no other run has a value
 * @param runnerUpValue its value
 * @param unit what the values count
 * @param marginPercent how much better the winner is than the runner-up, in percent of the runner-up's value (more for
 *     higher-is-better questions, less for lower-is-better ones); null without a runner-up or when undefined
 * @param sentence the verdict in words: the winner, its value and where, the margin, and what is not known
 */
public record Verdict(String question, String title, String winner, boolean tie, Double winnerValue, String runnerUp, Double runnerUpValue,
    String unit, Double marginPercent, String sentence) {

  public Verdict {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(sentence, "sentence");
  }

  /** A question nobody can be named for. */
  static Verdict notKnown(String question, String title, String unit, String sentence) {
    return new Verdict(question, title, null, false, null, null, null, unit, null, sentence);
  }
}

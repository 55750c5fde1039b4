package dev.llmload.metrics;

/**
 * The text of a level's replies: sums over its successful measured requests whose text was counted ({@link
 * RequestRecord#hasOutputText()}). Not thread-safe, as {@link LevelStats}.
 */
final class TextTally {

  private long requests;
  private long charsSum;
  private long wordsSum;
  private double diversitySum;
  private long withWords;

  void add(RequestRecord r) {
    if (!r.hasOutputText()) {
      return;
    }
    requests++;
    charsSum += r.outputChars();
    wordsSum += r.outputWords();
    new OutputText.Counts(r.outputChars(), r.outputWords(), r.outputDistinctWords()).diversity().ifPresent(d -> {
      diversitySum += d;
      withWords++;
    });
  }

  /** The level's {@link LevelSummary.Text}; null when no request's text was counted. */
  LevelSummary.Text summary() {
    if (requests == 0) {
      return null;
    }
    return new LevelSummary.Text(Percentiles.round((double) charsSum / requests), Percentiles.round((double) wordsSum / requests),
        withWords == 0 ? null : Math.round(diversitySum / withWords * 10_000) / 10_000.0);
  }
}

package dev.llmload.metrics;

import java.util.List;

/**
 * A level's multi-turn conversations, as written to {@code summary.json} ({@code levels[].conversations}; null in a
 * level that had none). Two populations: the conversation figures count the conversations that <em>opened</em> in the
 * level (their first turn a measured request of it, not warm-up), wherever their later turns ran; the per-turn rows
 * count the level's own measured requests, by turn number, whichever level their conversation opened in.
 *
 * @param started conversations that opened in the level
 * @param completed of those, the ones whose every turn was sent and succeeded
 * @param cutShort the ones a failed turn ended (a failed turn ends its conversation)
 * @param unfinished the ones the run ended before their last turn (stopped, or its schedule over), with no failed turn
 * @param turnsMean turns sent per conversation, a failed one included, over every started conversation; null when none
 * @param durationMeanSeconds over completed conversations: the first turn's send to the last turn's end, think times
 *     included; null when none completed
 * @param totalTokensMean over completed conversations whose every turn reported usage: the sum over their turns of prompt
 *     tokens (each turn's whole history) and output tokens; null when there is none
 * @param turns one row per turn number, in order
 */
public record ConversationSummary(long started, long completed, long cutShort, long unfinished, Double turnsMean, Double durationMeanSeconds,
    Double totalTokensMean, List<Turn> turns) {

  public ConversationSummary {
    turns = List.copyOf(turns);
  }

  /**
   * The level's measured requests of one turn number.
   *
   * @param turn the turn number, from 1
   * @param requests requests of this turn, every outcome
   * @param successful those that succeeded
   * @param ttftMs TTFT over the successful ones (2 significant digits); null when none
   * @param promptTokensMean mean {@code usage.prompt_tokens} of the successful ones with usage: it grows with the history;
   *     null when none had usage
   * @param cachedPromptTokensMean mean cached prompt tokens of the successful ones whose server reported them; null when
   *     none did
   */
  public record Turn(int turn, long requests, long successful, Percentiles ttftMs, Double promptTokensMean, Double cachedPromptTokensMean) {}
}

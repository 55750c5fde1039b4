package dev.llmload.metrics;

import dev.llmload.workload.conversations.Conversation;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The per-request facts of multi-turn conversations, as pure functions of one {@link RequestRecord}: which conversation
 * and turn a request was (its labels {@code conversation}, {@code turn}, {@code turns}), and what it cost in tokens.
 */
public final class ConversationMetrics {

  private ConversationMetrics() {}

  /**
   * A request's place in its conversation.
   *
   * @param conversation the conversation's id, unique in the run
   * @param turn the turn's number, from 1
   * @param turns how many turns the conversation was to have
   */
  public record TurnOf(String conversation, int turn, int turns) {
    public TurnOf {
      if (turn < 1 || turns < turn) {
        throw new IllegalArgumentException("turn must be between 1 and turns (" + turns + "), was " + turn);
      }
    }

    /** True for the conversation's last turn. */
    public boolean last() {
      return turn == turns;
    }
  }

  /** Empty when the request was not a conversation's turn, or its labels do not say which (not whole numbers in order). */
  public static Optional<TurnOf> turnOf(RequestRecord r) {
    String conversation = r.labels().get(Conversation.CONVERSATION);
    String turn = r.labels().get(Conversation.TURN);
    String turns = r.labels().get(Conversation.TURNS);
    if (conversation == null || turn == null || turns == null) {
      return Optional.empty();
    }
    try {
      int k = Integer.parseInt(turn);
      int n = Integer.parseInt(turns);
      return k >= 1 && k <= n ? Optional.of(new TurnOf(conversation, k, n)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** What the turn took in tokens: its prompt (the whole history) plus its output; empty when the server sent no usage. */
  public static OptionalLong turnTokens(RequestRecord r) {
    return r.promptTokens() < 0 ? OptionalLong.empty() : OptionalLong.of((long) r.promptTokens() + RequestMetrics.outputTokens(r));
  }
}

package dev.llmload.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Multi-turn chat ({@code llm.request.conversation}): each virtual user of a closed workload runs whole conversations,
 * each turn sending the history so far (its earlier user turns and the server's actual replies) and the next user turn.
 *
 * @param turns turns per conversation (with {@link TurnsFrom#DATASET}: at most this many of each conversation's own);
 *     0 switches conversations off, every request is then one prompt
 * @param thinkTime how long a user waits after a reply before it sends the next turn
 * @param turnsFrom where the user turns come from
 */
public record ConversationSettings(int turns, Duration thinkTime, TurnsFrom turnsFrom) {

  /** No conversations: every request is one prompt, as by default. */
  public static final ConversationSettings OFF = new ConversationSettings(0, Duration.ofSeconds(2), TurnsFrom.PROMPTS);

  /** Where a conversation's user turns come from. */
  public enum TurnsFrom {
    /** Each user turn is the next request of the workload's prompts ({@code llm.request.prompt}, a dataset's records). */
    PROMPTS,
    /** The conversations of a ShareGPT {@code llm.request.dataset}: each one's human turns in order, after its system turn. */
    DATASET;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static TurnsFrom parse(String key, String value) {
      return ConfigNames.parse(key, value, values(), TurnsFrom::configName);
    }
  }

  public ConversationSettings {
    if (turns < 0) {
      throw ConfigException.invalid("llm.request.conversation.turns", turns, "must be 0 (no conversations) or a number of turns");
    }
    Objects.requireNonNull(thinkTime, "thinkTime");
    if (thinkTime.isNegative()) {
      throw ConfigException.invalid("llm.request.conversation.thinkTime", thinkTime, "must be zero or positive");
    }
    Objects.requireNonNull(turnsFrom, "turnsFrom");
  }

  /** True when users run conversations ({@code turns} above 0). */
  public boolean enabled() {
    return turns > 0;
  }
}

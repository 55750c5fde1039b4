package dev.llmload.report;

/**
 * The request shape of a run, as written to {@code summary.json}.
 *
 * @param uniquePrompts every prompt started with its own tag (no prefix-cache hits between requests); false: the
 *     same text every time
 * @param conversation the multi-turn conversations users ran; null when every request was one prompt
 */
public record RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts, Conversation conversation) {

  /**
   * Multi-turn chat ({@code llm.request.conversation}).
   *
   * @param turns turns per conversation (recorded ones: at most)
   * @param turnsFrom {@code prompts} or {@code dataset}
   * @param thinkTimeSeconds pause between a reply and the next turn
   */
  public record Conversation(int turns, String turnsFrom, double thinkTimeSeconds) {

    /** What {@code settings} ask for; null when conversations are off. */
    public static Conversation of(dev.llmload.config.ConversationSettings settings) {
      return !settings.enabled() ? null
          : new Conversation(settings.turns(), settings.turnsFrom().configName(), settings.thinkTime().toMillis() / 1000.0);
    }
  }
}

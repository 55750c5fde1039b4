package dev.llmload.report;

import java.util.List;

/**
 * The request shape of a run, as written to {@code summary.json}.
 *
 * @param uniquePrompts every prompt started with its own tag (no prefix-cache hits between requests); false: the
 *     same text every time
 * @param tokenCounter where token counts came from when lengths were asked for (the server's tokenizer or the
 *     estimate, and why); null when no length was asked for
 * @param calibration what was measured before the load to meet the requested lengths (template tokens, word costs,
 *     sample prompts counted against their targets), one line each; empty when nothing was
 * @param lengths the lengths asked for, e.g. {@code promptSet large} or {@code synthetic input uniform(256, 1024),
 *     output 128}; null when none
 * @param conversation the multi-turn conversations users ran; null when every request was one prompt
 */
public record RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts, String tokenCounter,
    List<String> calibration, String lengths, Conversation conversation) {

  public RequestInfo {
    calibration = calibration == null ? List.of() : List.copyOf(calibration); // null: run.json written before the field
  }

  /** No length asked for, no conversations. */
  public RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts) {
    this(maxTokens, ignoreEos, promptChars, uniquePrompts, null, List.of(), null, null);
  }

  /** No length asked for. */
  public RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts, Conversation conversation) {
    this(maxTokens, ignoreEos, promptChars, uniquePrompts, null, List.of(), null, conversation);
  }

  /** No conversations. */
  public RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts, String tokenCounter,
      List<String> calibration, String lengths) {
    this(maxTokens, ignoreEos, promptChars, uniquePrompts, tokenCounter, calibration, lengths, null);
  }

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

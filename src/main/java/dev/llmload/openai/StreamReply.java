package dev.llmload.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.metrics.Outcome;
import java.util.Objects;

/**
 * What a finished stream answered, for the next turn of a conversation: whether the request succeeded - the verdict its
 * record gets ({@link AssembledStream#classify}) - and the reply's text, the content deltas of choice 0 joined in order
 * ({@code delta.content} for chat, {@code text} for completions; reasoning and tool-call deltas are not part of it).
 * Parses every message of the stream: made once per request after the stream ended, never on the per-chunk path.
 *
 * @param successful true when the request succeeded
 * @param text the reply; empty when it failed
 */
public record StreamReply(boolean successful, String text) {

  public StreamReply {
    Objects.requireNonNull(text, "text");
  }

  /**
   * @param nanos arrival time of each message
   * @param messages the {@code data} text of each message, without {@code [DONE]}
   * @param count how many of the arrays' entries are used
   * @param failure what the HTTP layer reported, null when it reported nothing
   */
  public static StreamReply of(long[] nanos, String[] messages, int count, TransportFailure failure) {
    boolean successful = StreamAssembler.assemble(nanos, messages, count).classify(count, failure).outcome() == Outcome.SUCCESSFUL;
    if (!successful) {
      return new StreamReply(false, "");
    }
    return new StreamReply(true, textOf(messages, count));
  }

  /**
   * The text the stream delivered, whatever its outcome: choice 0's content deltas joined in order, as a reply's {@link
   * #text}. Parses every message: call it once, after the stream ended, off the event loop.
   *
   * @param messages the {@code data} text of each message, without {@code [DONE]}
   * @param count how many of the array's entries are used
   */
  public static String textOf(String[] messages, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(contentOf(messages[i]));
    }
    return text.toString();
  }

  /** The text one chunk adds to choice 0's reply; empty for any other chunk (role, finish, usage, malformed). */
  static String contentOf(String data) {
    return contentOf(StreamEventParser.treeOf(data));
  }

  /** {@link #contentOf(String)} of a chunk already parsed ({@link StreamEventParser#treeOf}; null: not JSON). */
  static String contentOf(JsonNode root) {
    if (root == null || !root.path("choices").isArray()) {
      return "";
    }
    for (JsonNode choice : root.get("choices")) {
      if (choice.path("index").asInt(0) != 0) {
        continue;
      }
      JsonNode content = choice.path("delta").path("content");
      if (content.isTextual()) {
        return content.asText();
      }
      JsonNode text = choice.path("text");
      return text.isTextual() ? text.asText() : "";
    }
    return "";
  }
}

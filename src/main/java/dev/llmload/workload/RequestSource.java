package dev.llmload.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the next request of a level asks: one call per request, so every request may differ (prompt sets, datasets,
 * synthetic lengths plug in here). Called on the virtual user's event loop: must be fast and thread-safe.
 */
@FunctionalInterface
public interface RequestSource {

  /** The request to send next in {@code level}. */
  PlannedRequest next(LoadLevel level);

  /**
   * Called once the target is known - after the preflight, before any load, on the thread that starts the run - with
   * its API, model and token counter. A source whose requests have a length to meet (a prompt composed to a number of
   * tokens, a prompt set's true length) counts here, a bounded number of times, never in {@link #next}. A source that
   * wraps another forwards the call. Default: nothing to prepare.
   *
   * @throws dev.llmload.config.ConfigException when the settings cannot be met with this target (e.g. a length
   *     shorter than the chat template's own tokens)
   * @throws dev.llmload.openai.TargetException when the target's tokenizer fails
   */
  default void prepare(Preparation preparation) {}

  /**
   * One request's content: a prompt, or a conversation of chat messages.
   *
   * @param prompt the prompt text (the user message for chat); with messages, their contents as text for reading
   *     (the body is built from the messages)
   * @param labels free-form labels kept with the request's record (e.g. {@code promptSet=large}); may be empty
   * @param messages the chat messages to send, in order; empty when the request is the plain {@code prompt}
   * @param inputTokens the requested input length: the whole prompt as the server counts it in {@code
   *     usage.prompt_tokens} (chat template and special tokens included); -1 when no length was requested
   * @param maxTokens this request's own {@code max_tokens} (a drawn output length); -1: {@code llm.request.maxTokens}
   */
  record PlannedRequest(String prompt, Map<String, String> labels, List<Message> messages, int inputTokens, int maxTokens) {
    public PlannedRequest {
      Objects.requireNonNull(prompt, "prompt");
      labels = Map.copyOf(labels);
      messages = List.copyOf(messages);
      if (inputTokens != -1 && inputTokens < 1) {
        throw new IllegalArgumentException("inputTokens must be at least 1, or -1 when not requested, was " + inputTokens);
      }
      if (maxTokens != -1 && maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens must be at least 1, or -1 for llm.request.maxTokens, was " + maxTokens);
      }
    }

    /** No length requested. */
    public PlannedRequest(String prompt, Map<String, String> labels, List<Message> messages) {
      this(prompt, labels, messages, -1, -1);
    }

    /** This request, asking for {@code inputTokens} input tokens (-1: none). */
    public PlannedRequest withInputTokens(int inputTokens) {
      return new PlannedRequest(prompt, labels, messages, inputTokens, maxTokens);
    }

    /** This request with its own {@code max_tokens} (-1: {@code llm.request.maxTokens}). */
    public PlannedRequest withMaxTokens(int maxTokens) {
      return new PlannedRequest(prompt, labels, messages, inputTokens, maxTokens);
    }

    /** A plain prompt, no messages. */
    public PlannedRequest(String prompt, Map<String, String> labels) {
      this(prompt, labels, List.of());
    }

    /** A conversation: {@code prompt} is the messages' contents, one a line. */
    public static PlannedRequest ofMessages(List<Message> messages, Map<String, String> labels) {
      if (messages.isEmpty()) {
        throw new IllegalArgumentException("a conversation needs at least one message");
      }
      return new PlannedRequest(String.join("\n", messages.stream().map(Message::content).toList()), labels, messages);
    }

    /**
     * This request with {@code tag} in front of its text: of the prompt, and of the first message's content. Its
     * lengths stay as they were (the caller adds the tag's tokens to a requested input length).
     */
    public PlannedRequest tagged(String tag) {
      if (messages.isEmpty()) {
        return new PlannedRequest(tag + prompt, labels, List.of(), inputTokens, maxTokens);
      }
      List<Message> tagged = new ArrayList<>(messages);
      Message first = tagged.get(0);
      tagged.set(0, new Message(first.role(), tag + first.content()));
      return new PlannedRequest(tag + prompt, labels, tagged, inputTokens, maxTokens);
    }
  }

  /**
   * One chat message, as the OpenAI API has it.
   *
   * @param role {@code system}, {@code user}, {@code assistant} or any role the server accepts; never blank
   * @param content the message's text
   */
  record Message(String role, String content) {
    public Message {
      Objects.requireNonNull(content, "content");
      if (role == null || role.isBlank()) {
        throw new IllegalArgumentException("a message needs a role, was " + role);
      }
    }
  }

  /** The same prompt for every request (the configured {@code llm.request.prompt}). */
  static RequestSource fixed(String prompt) {
    PlannedRequest request = new PlannedRequest(prompt, Map.of());
    return level -> request;
  }

  /**
   * {@code source}, with every prompt starting with its own tag: 16 hex digits and a bar, {@code 3f9a01c24b7e9d11 | },
   * a one-to-one scramble of a counter with {@code seed}, so no two requests of a run share a tag and they differ from
   * their first characters on: none is answered from the server's prefix cache of another. A conversation's tag goes in
   * front of its first message. A requested input length grows by the tag's tokens (counted when the source is
   * prepared). Thread-safe; the same seed gives the same tags in the same order.
   */
  static RequestSource unique(RequestSource source, long seed) {
    return new UniquePrompts(source, seed);
  }
}

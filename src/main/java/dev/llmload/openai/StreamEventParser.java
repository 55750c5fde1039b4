package dev.llmload.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses the {@code data} of one SSE message into a {@link StreamEvent}. Pure and thread-safe; it runs off the
 * hot path, on the recorder thread, once per message after the request finished.
 */
public final class StreamEventParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DONE = "[DONE]";

  private StreamEventParser() {}

  /** True for the {@code data: [DONE]} sentinel (the {@code data} of an SSE event); cheap enough for the event loop. */
  public static boolean isDone(String data) {
    return data.length() < 16 && DONE.equals(data.strip());
  }

  /** Parses a chunk's JSON text (the {@code data} of one SSE event). */
  public static StreamEvent parseData(String data) {
    return parseTree(treeOf(data));
  }

  /** A chunk's JSON text as a tree, null when it is not JSON: parse once, read it with {@link #parseTree} and others. */
  public static JsonNode treeOf(String data) {
    try {
      return MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** {@link #parseData} of a chunk already parsed by {@link #treeOf} (null: not JSON). */
  public static StreamEvent parseTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      return StreamEvent.malformedEvent();
    }
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      String message = error.isObject() ? error.path("message").asText(error.toString()) : error.asText();
      return StreamEvent.errorEvent(message.isEmpty() ? error.toString() : message);
    }
    JsonNode choices = root.get("choices");
    JsonNode usage = root.get("usage");
    boolean hasUsage = usage != null && usage.isObject();
    if ((choices == null || !choices.isArray()) && !hasUsage) {
      return StreamEvent.malformedEvent();
    }
    boolean content = false;
    boolean role = false;
    String finish = null;
    if (choices != null && choices.isArray()) {
      for (JsonNode choice : choices) {
        JsonNode delta = choice.get("delta");
        if (delta != null && delta.isObject()) {
          content |= nonEmptyText(delta, "content") || nonEmptyText(delta, "reasoning_content") || nonEmptyText(delta, "reasoning")
              || (delta.has("tool_calls") && delta.get("tool_calls").isArray() && !delta.get("tool_calls").isEmpty());
          role |= delta.has("role");
        }
        content |= nonEmptyText(choice, "text");
        JsonNode fr = choice.get("finish_reason");
        if (fr != null && !fr.isNull()) {
          finish = fr.asText();
        }
      }
    }
    int prompt = hasUsage ? usage.path("prompt_tokens").asInt(-1) : -1;
    int completion = hasUsage ? usage.path("completion_tokens").asInt(-1) : -1;
    return new StreamEvent(content, role && !content, finish, prompt, completion, null, false, hasUsage ? cachedTokens(usage) : -1);
  }

  /**
   * {@code usage.prompt_tokens_details.cached_tokens} (OpenAI; vLLM with {@code --enable-prompt-tokens-details}), -1 when
   * the server did not say: no details, details of {@code null}, or no whole non-negative number in them.
   */
  private static int cachedTokens(JsonNode usage) {
    JsonNode cached = usage.path("prompt_tokens_details").path("cached_tokens");
    return cached.canConvertToInt() && cached.isIntegralNumber() && cached.asInt() >= 0 ? cached.asInt() : -1;
  }

  private static boolean nonEmptyText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty();
  }
}

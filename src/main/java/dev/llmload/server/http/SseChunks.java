package dev.llmload.server.http;

/**
 * The bytes of one answer, shaped like vLLM's: {@code data: <json>\n\n} events for a stream, or one JSON body.
 * Assembled from pre-quoted pieces rather than through an object mapper, since it runs once per chunk on the event
 * loop. Chat stream: a role chunk, content chunks ({@code delta.content}), a chunk with an empty delta and the
 * {@code finish_reason}, a usage chunk ({@code "choices":[]}) when asked for, then {@code data: [DONE]}. Text
 * completions: the same without the role chunk, with {@code choices[].text}.
 */
final class SseChunks {

  static final String DONE = "data: [DONE]\n\n";

  private final CompletionRequest.Kind kind;
  private final String head;
  private final String id;
  private final long createdSeconds;
  private final String quotedModel;

  /**
   * @param kind chat or text
   * @param id the response id, e.g. {@code chatcmpl-<request id>}
   * @param createdSeconds Unix time of the request
   * @param model the model name as requested
   */
  SseChunks(CompletionRequest.Kind kind, String id, long createdSeconds, String model) {
    this.kind = kind;
    this.id = id;
    this.createdSeconds = createdSeconds;
    this.quotedModel = Json.quote(model);
    this.head = "{\"id\":" + Json.quote(id) + ",\"object\":\"" + kind.chunkObject + "\",\"created\":"
        + createdSeconds + ",\"model\":" + quotedModel + ",";
  }

  /** The chat role chunk ({@code delta.role = assistant}, empty content). */
  String role() {
    return "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
        + "\"logprobs\":null,\"finish_reason\":null}]}\n\n";
  }

  /** A content chunk carrying {@code text}. */
  String content(String text) {
    String quoted = Json.quote(text);
    StringBuilder out = new StringBuilder(head.length() + quoted.length() + 96).append("data: ").append(head);
    if (kind == CompletionRequest.Kind.CHAT) {
      out.append("\"choices\":[{\"index\":0,\"delta\":{\"content\":").append(quoted).append("},");
    } else {
      out.append("\"choices\":[{\"index\":0,\"text\":").append(quoted).append(',');
    }
    return out.append("\"logprobs\":null,\"finish_reason\":null}]}\n\n").toString();
  }

  /** The chunk with the finish reason and no content. */
  String finish(String finishReason) {
    String delta = kind == CompletionRequest.Kind.CHAT ? "\"delta\":{}," : "\"text\":\"\",";
    return "data: " + head + "\"choices\":[{\"index\":0," + delta + "\"logprobs\":null,\"finish_reason\":\""
        + finishReason + "\"}]}\n\n";
  }

  /** The final usage chunk, sent when {@code stream_options.include_usage} is true. */
  String usage(int promptTokens, int completionTokens) {
    return usage(promptTokens, completionTokens, -1);
  }

  /**
   * The final usage chunk with {@code prompt_tokens_details.cached_tokens} = {@code cachedTokens}, or without the details
   * when {@code cachedTokens} is -1.
   */
  String usage(int promptTokens, int completionTokens, int cachedTokens) {
    return "data: " + head + "\"choices\":[]," + usageJson(promptTokens, completionTokens, cachedTokens) + "}\n\n";
  }

  /** An error event inside a 200 stream, as vLLM writes when generation fails mid-stream. */
  static String errorEvent(String message, String type, int code) {
    return "data: " + ApiError.body(message, type, null, code) + "\n\n";
  }

  /** A {@code data:} event whose payload is cut off in the middle of the JSON. */
  String malformed() {
    return "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\n\n";
  }

  /** A whole non-streamed answer. */
  String body(String text, String finishReason, int promptTokens, int completionTokens) {
    return body(text, finishReason, promptTokens, completionTokens, -1);
  }

  /** A whole non-streamed answer whose usage has {@code prompt_tokens_details.cached_tokens} (none when -1). */
  String body(String text, String finishReason, int promptTokens, int completionTokens, int cachedTokens) {
    String quoted = Json.quote(text);
    StringBuilder out = new StringBuilder(quoted.length() + 300)
        .append("{\"id\":").append(Json.quote(id)).append(",\"object\":\"").append(kind.responseObject)
        .append("\",\"created\":").append(createdSeconds).append(",\"model\":").append(quotedModel)
        .append(",\"choices\":[{\"index\":0,");
    if (kind == CompletionRequest.Kind.CHAT) {
      out.append("\"message\":{\"role\":\"assistant\",\"content\":").append(quoted).append("},");
    } else {
      out.append("\"text\":").append(quoted).append(',');
    }
    out.append("\"logprobs\":null,\"finish_reason\":\"").append(finishReason).append("\"}],")
        .append(usageJson(promptTokens, completionTokens, cachedTokens)).append('}');
    return out.toString();
  }

  /** A non-streamed answer cut off in the middle of the JSON. */
  String malformedBody() {
    return "{\"id\":" + Json.quote(id) + ",\"object\":\"" + kind.responseObject + "\",\"choices\":[{\"index\":0,";
  }

  private static String usageJson(int promptTokens, int completionTokens, int cachedTokens) {
    return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
        + ",\"total_tokens\":" + (promptTokens + completionTokens)
        + (cachedTokens < 0 ? "" : ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}") + "}";
  }
}

package dev.llmload.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.config.Api;
import dev.llmload.config.RequestSettings;

/** Builds streaming request bodies with Jackson (never by string concatenation, so any prompt is escaped right). */
public final class RequestBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestBodies() {}

  /**
   * A streaming body asking for usage in the final chunk. {@code extraBody} entries are added last and may
   * override any field but {@code stream}.
   */
  public static String streaming(Api api, String model, String prompt, RequestSettings request) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    if (api == Api.CHAT) {
      ObjectNode message = body.putArray("messages").addObject();
      message.put("role", "user");
      message.put("content", prompt);
      body.put("max_completion_tokens", request.maxTokens());
    } else {
      body.put("prompt", prompt);
    }
    body.put("max_tokens", request.maxTokens());
    if (request.ignoreEos()) {
      body.put("ignore_eos", true);
    }
    body.putObject("stream_options").put("include_usage", true);
    request.extraBody().forEach((k, v) -> body.set(k, MAPPER.valueToTree(v)));
    body.put("stream", true);
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a request body", e);
    }
  }
}

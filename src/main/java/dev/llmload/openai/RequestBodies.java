package dev.llmload.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.config.Api;
import dev.llmload.config.RequestSettings;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.util.List;
import java.util.stream.Collectors;

/** Builds streaming request bodies with Jackson (never by string concatenation, so any prompt is escaped right). */
public final class RequestBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestBodies() {}

  /**
   * A streaming body asking for usage in the final chunk. {@code extraBody} entries are added last and may
   * override any field but {@code stream}.
   */
  public static String streaming(Api api, String model, String prompt, RequestSettings request) {
    return streaming(api, model, prompt, List.of(), request);
  }

  /**
   * Like {@link #streaming(Api, String, String, RequestSettings)}, for a request that may be a conversation: chat sends
   * {@code messages} as they are (none: {@code prompt} as one user message); completions has no messages, so they are
   * joined into its {@code prompt} as text, one {@code "role: content"} line each (none: {@code prompt} as it is).
   */
  public static String streaming(Api api, String model, String prompt, List<Message> messages, RequestSettings request) {
    return streaming(api, model, prompt, messages, request.maxTokens(), request);
  }

  /**
   * The body of one planned request: its prompt or messages, and its own {@code max_tokens} when it has one (a drawn
   * output length), else {@code llm.request.maxTokens}.
   */
  public static String streaming(Api api, String model, PlannedRequest planned, RequestSettings request) {
    return streaming(api, model, planned.prompt(), planned.messages(), planned.maxTokens() > 0 ? planned.maxTokens() : request.maxTokens(),
        request);
  }

  /**
   * The body, asking for {@code maxTokens}; with drawn output lengths and {@code llm.request.synthetic.minTokens},
   * {@code min_tokens} asks for exactly as many.
   */
  private static String streaming(Api api, String model, String prompt, List<Message> messages, int maxTokens, RequestSettings request) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    if (api == Api.CHAT) {
      ArrayNode array = body.putArray("messages");
      if (messages.isEmpty()) {
        ObjectNode message = array.addObject();
        message.put("role", "user");
        message.put("content", prompt);
      }
      for (Message m : messages) {
        array.addObject().put("role", m.role()).put("content", m.content());
      }
      body.put("max_completion_tokens", maxTokens);
    } else {
      body.put("prompt", messages.isEmpty() ? prompt : asText(messages));
    }
    body.put("max_tokens", maxTokens);
    if (request.ignoreEos()) {
      body.put("ignore_eos", true);
    }
    if (request.sendsMinTokens()) {
      body.put("min_tokens", maxTokens);
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

  /** A conversation as one completions prompt: {@code "role: content"} lines. */
  static String asText(List<Message> messages) {
    return messages.stream().map(m -> m.role() + ": " + m.content()).collect(Collectors.joining("\n"));
  }
}

package dev.llmload.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.server.text.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a completions or tokenize request body into a {@link CompletionRequest} or throws the
 * {@link ApiError} (HTTP 400 or 404) vLLM would answer with. Pure: no I/O, no clock.
 *
 * @param servedModels model names accepted as-is
 * @param defaultModel used when the request names none
 * @param maxModelLen prompt plus output may not exceed it
 * @param faultModelNames accept {@code fault/<spec>} model names
 */
record RequestParser(Set<String> servedModels, String defaultModel, int maxModelLen, boolean faultModelNames) {

  RequestParser {
    servedModels = Set.copyOf(servedModels);
  }

  /** A prompt as the tokenizer sees it: its token ids, in order, and a hash of its text. */
  record Prompt(int[] tokenIds, long textSeed) {

    int tokens() {
      return tokenIds.length;
    }
  }

  CompletionRequest parse(CompletionRequest.Kind kind, String contentType, byte[] body) {
    JsonNode root = jsonObject(contentType, body);
    String model = model(root);
    Optional<FaultRule> fault = Optional.empty();
    if (faultModelNames && !servedModels.contains(model)) {
      try {
        fault = FaultRule.fromModelName(model);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("Model name '" + model + "' asks for a fault but " + e.getMessage() + ".",
            "model");
      }
    }
    Prompt prompt = kind == CompletionRequest.Kind.CHAT ? chatPrompt(root) : textPrompt(root);

    boolean stream = bool(root, "stream", false);
    boolean includeUsage = false;
    JsonNode options = root.get("stream_options");
    if (options != null && !options.isNull()) {
      if (!options.isObject()) {
        throw ApiError.badRequest("stream_options must be an object, was " + options, "stream_options");
      }
      if (!stream) {
        throw ApiError.badRequest("Stream options can only be defined when `stream=True`.", "stream_options");
      }
      includeUsage = bool(options, "include_usage", false);
    }

    Integer maxTokens = integer(root, "max_tokens");
    if (kind == CompletionRequest.Kind.CHAT) {
      Integer maxCompletion = integer(root, "max_completion_tokens");
      if (maxCompletion != null) {
        if (maxCompletion < 1) {
          throw ApiError.badRequest("max_completion_tokens must be at least 1, got " + maxCompletion + ".",
              "max_completion_tokens");
        }
        maxTokens = maxCompletion;
      }
    }
    if (maxTokens != null && maxTokens < 1) {
      throw ApiError.badRequest("max_tokens must be at least 1, got " + maxTokens + ".", "max_tokens");
    }
    int cap;
    if (maxTokens == null) {
      cap = maxModelLen - prompt.tokens();
      if (cap < 1) {
        throw contextTooLong(prompt.tokens(), 1, kind);
      }
    } else {
      if ((long) prompt.tokens() + maxTokens > maxModelLen) {
        throw contextTooLong(prompt.tokens(), maxTokens, kind);
      }
      cap = maxTokens;
    }
    Integer minTokens = integer(root, "min_tokens");
    if (minTokens != null && (minTokens < 0 || minTokens > cap)) {
      throw ApiError.badRequest("min_tokens must be between 0 and max_tokens=" + cap + ", got " + minTokens + ".",
          "min_tokens");
    }
    boolean ignoreEos = bool(root, "ignore_eos", false);
    JsonNode temperature = root.get("temperature");
    if (temperature != null && !temperature.isNull()) {
      if (!temperature.isNumber() || temperature.asDouble() < 0) {
        throw ApiError.badRequest("temperature must be a non-negative number, got " + temperature + ".",
            "temperature");
      }
    }
    JsonNode stop = root.get("stop");
    if (stop != null && !stop.isNull() && !stop.isTextual() && !isStringArray(stop)) {
      throw ApiError.badRequest("stop must be a string or a list of strings, got " + stop + ".", "stop");
    }
    Integer n = integer(root, "n");
    if (n != null && n != 1) {
      throw ApiError.badRequest("n must be 1 on the simulated server, got " + n + ".", "n");
    }
    return new CompletionRequest(kind, model, stream, includeUsage, prompt.tokenIds(), cap,
        minTokens == null ? 0 : minTokens, ignoreEos, prompt.textSeed(), fault);
  }

  /** A {@code POST /tokenize} body: {@code prompt} or {@code messages}, optional {@code model}. */
  Prompt parseTokenize(String contentType, byte[] body) {
    JsonNode root = jsonObject(contentType, body);
    model(root);
    if (root.hasNonNull("messages")) {
      return chatPrompt(root);
    }
    return textPrompt(root);
  }

  /** A {@code POST /detokenize} body: {@code tokens} (a list of ids), optional {@code model}. */
  int[] parseDetokenize(String contentType, byte[] body) {
    JsonNode root = jsonObject(contentType, body);
    model(root);
    JsonNode tokens = root.get("tokens");
    if (tokens == null || !tokens.isArray()) {
      throw ApiError.badRequest("Field 'tokens' is required: a list of token ids.", "tokens");
    }
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      if (!tokens.get(i).isIntegralNumber()) {
        throw ApiError.badRequest("tokens[" + i + "] must be a token id, was " + abbreviate(tokens.get(i)) + ".", "tokens");
      }
      ids[i] = (int) tokens.get(i).asLong();
    }
    return ids;
  }

  private JsonNode jsonObject(String contentType, byte[] body) {
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw ApiError.badRequest("Content-Type must be application/json, was '"
          + (contentType == null ? "" : contentType) + "'.", null);
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("Request body is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr()) + ".", null);
    } catch (IOException e) {
      throw ApiError.badRequest("Request body could not be read: " + e.getMessage() + ".", null);
    }
    if (root == null || !root.isObject()) {
      throw ApiError.badRequest("Request body must be a JSON object, was "
          + (root == null ? "empty" : root.getNodeType().name().toLowerCase(Locale.ROOT)) + ".", null);
    }
    return root;
  }

  private String model(JsonNode root) {
    JsonNode node = root.get("model");
    if (node == null || node.isNull()) {
      return defaultModel;
    }
    if (!node.isTextual()) {
      throw ApiError.badRequest("model must be a string, was " + node + ".", "model");
    }
    String model = node.asText();
    if (servedModels.contains(model) || faultModelNames && model.startsWith(FaultRule.MODEL_PREFIX)) {
      return model;
    }
    throw ApiError.notFound("The model `" + model + "` does not exist. Served models: " + servedModels + ".",
        "model");
  }

  private static Prompt chatPrompt(JsonNode root) {
    JsonNode messages = root.get("messages");
    if (messages == null || messages.isNull()) {
      throw ApiError.badRequest("Field 'messages' is required.", "messages");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw ApiError.badRequest("messages must be a non-empty list of messages, was " + abbreviate(messages) + ".",
          "messages");
    }
    List<String> roles = new ArrayList<>(messages.size());
    List<String> contents = new ArrayList<>(messages.size());
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw ApiError.badRequest("messages[" + i + "] must be an object with a string 'role', was "
            + abbreviate(message) + ".", "messages");
      }
      String content = content(message.get("content"), i);
      roles.add(message.get("role").asText());
      contents.add(content);
      all.append(message.get("role").asText()).append('\u0000').append(content).append('\u0001');
    }
    return new Prompt(PromptTokenizer.chatPromptIds(roles, contents), Seeds.of(all));
  }

  private static String content(JsonNode content, int index) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (!part.isObject() || !part.path("type").isTextual()) {
          throw ApiError.badRequest("messages[" + index + "].content parts must be objects with a 'type', was "
              + abbreviate(part) + ".", "messages");
        }
        if (part.path("text").isTextual()) {
          text.append(part.get("text").asText()).append(' ');
        }
      }
      return text.toString();
    }
    throw ApiError.badRequest("messages[" + index + "].content must be a string or a list of parts, was "
        + abbreviate(content) + ".", "messages");
  }

  private static Prompt textPrompt(JsonNode root) {
    JsonNode prompt = root.get("prompt");
    if (prompt == null || prompt.isNull()) {
      throw ApiError.badRequest("Field 'prompt' is required.", "prompt");
    }
    if (prompt.isTextual()) {
      return completionPrompt(prompt.asText());
    }
    if (prompt.isArray() && !prompt.isEmpty()) {
      if (prompt.size() == 1 && prompt.get(0).isTextual()) {
        return completionPrompt(prompt.get(0).asText());
      }
      boolean ids = true;
      for (JsonNode id : prompt) {
        ids &= id.isIntegralNumber();
      }
      if (ids) {
        int[] tokenIds = new int[prompt.size()];
        for (int i = 0; i < tokenIds.length; i++) {
          tokenIds[i] = (int) prompt.get(i).asLong();
        }
        return new Prompt(tokenIds, Seeds.of(prompt.toString()));
      }
      if (isStringArray(prompt)) {
        throw ApiError.badRequest("The simulated server takes one prompt per request, got " + prompt.size() + ".",
            "prompt");
      }
    }
    throw ApiError.badRequest("prompt must be a string, a list with one string or a list of token ids, was "
        + abbreviate(prompt) + ".", "prompt");
  }

  private static Prompt completionPrompt(String text) {
    return new Prompt(PromptTokenizer.completionPromptIds(text), Seeds.of(text));
  }

  private static boolean isStringArray(JsonNode node) {
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean bool(JsonNode root, String field, boolean fallback) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw ApiError.badRequest(field + " must be a boolean, was " + abbreviate(node) + ".", field);
    }
    return node.asBoolean();
  }

  private static Integer integer(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiError.badRequest(field + " must be an integer, was " + abbreviate(node) + ".", field);
    }
    return node.asInt();
  }

  private ApiError contextTooLong(int promptTokens, int completionTokens, CompletionRequest.Kind kind) {
    String what = kind == CompletionRequest.Kind.CHAT ? "messages" : "prompt";
    return ApiError.badRequest("This model's maximum context length is " + maxModelLen + " tokens. However, you "
        + "requested " + ((long) promptTokens + completionTokens) + " tokens (" + promptTokens + " in the " + what
        + ", " + completionTokens + " in the completion). Please reduce the length of the " + what
        + " or completion.", null);
  }

  private static String abbreviate(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}

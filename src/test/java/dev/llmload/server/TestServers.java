package dev.llmload.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.server.engine.EngineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Settings and request bodies shared by the server tests. */
public final class TestServers {

  public static final ObjectMapper JSON = new ObjectMapper();

  private TestServers() {}

  /** The default preset with a 1 ms step, so streams of a few tokens take a few milliseconds. */
  public static ServerSettings quick() {
    ServerSettings defaults = ServerSettings.defaults();
    EngineSettings engine = defaults.engine().withDecodeMs(1.0, 0.0);
    return defaults.toBuilder().engine(engine).build();
  }

  public static String chatBody(String model, boolean stream, boolean usage, int maxTokens) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + (usage ? ",\"stream_options\":{\"include_usage\":true}" : "")
        + ",\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the load test.\"}]}";
  }

  public static String completionBody(String model, boolean stream, boolean usage, int maxTokens) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + (usage ? ",\"stream_options\":{\"include_usage\":true}" : "")
        + ",\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true,\"prompt\":\"Once upon a time\"}";
  }

  public static Map<String, String> id(String requestId) {
    return Map.of("X-Request-Id", requestId);
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}

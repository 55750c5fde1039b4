package dev.llmload.workload.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSONL: one JSON object a line, holding a {@code prompt} text, or {@code messages}, an OpenAI chat list of
 * {@code {role, content}} objects (sent as they are).
 */
final class JsonlReader implements DatasetReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public List<PlannedRequest> read(String name, Reader in) throws IOException {
    BufferedReader lines = new BufferedReader(in);
    List<PlannedRequest> requests = new ArrayList<>();
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String where = "line " + number;
      JsonNode record;
      try {
        record = MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        throw DatasetReader.malformed(name, where, "not valid JSON");
      }
      if (record == null || !record.isObject()) {
        throw DatasetReader.malformed(name, where, "not a JSON object");
      }
      requests.add(request(name, where, record));
    }
    return requests;
  }

  private static PlannedRequest request(String name, String where, JsonNode record) {
    JsonNode prompt = record.get("prompt");
    JsonNode messages = record.get("messages");
    if (prompt != null && !prompt.isNull()) {
      if (!prompt.isTextual() || prompt.asText().isBlank()) {
        throw DatasetReader.malformed(name, where, "\"prompt\" must be a non-empty string");
      }
      return new PlannedRequest(prompt.asText(), Map.of());
    }
    if (messages != null && !messages.isNull()) {
      return PlannedRequest.ofMessages(messages(name, where, messages), Map.of());
    }
    throw DatasetReader.malformed(name, where, "no \"prompt\" or \"messages\"");
  }

  private static List<Message> messages(String name, String where, JsonNode messages) {
    String rule = "\"messages\" must be a non-empty list of {\"role\": ..., \"content\": ...} objects with text values";
    if (!messages.isArray() || messages.isEmpty()) {
      throw DatasetReader.malformed(name, where, rule);
    }
    List<Message> list = new ArrayList<>();
    for (JsonNode m : messages) {
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (role == null || !role.isTextual() || role.asText().isBlank() || content == null || !content.isTextual()) {
        throw DatasetReader.malformed(name, where, rule);
      }
      list.add(new Message(role.asText(), content.asText()));
    }
    return list;
  }
}

package dev.llmload.workload.datasets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ShareGPT: a JSON array of conversations, each {@code {"conversations": [{"from": "human", "value": ...}, ...]}}
 * ({@code from} is {@code human}, {@code gpt} or {@code system}). Each conversation gives one request: its first human
 * turn as the user message, after the system turn before it, if any. Read one conversation at a time, so a large file
 * is never held whole as a tree; records are numbered from 1.
 */
final class ShareGptReader implements DatasetReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public List<PlannedRequest> read(String name, Reader in) throws IOException {
    List<PlannedRequest> requests = new ArrayList<>();
    int number = 0;
    try (JsonParser parser = MAPPER.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return requests;
      }
      if (first != JsonToken.START_ARRAY) {
        throw DatasetReader.malformed(name, "", "must be a JSON array of conversations");
      }
      while (true) {
        JsonToken token;
        try {
          token = parser.nextToken();
          if (token == JsonToken.END_ARRAY) {
            break;
          }
          number++;
          JsonNode record = MAPPER.readTree(parser);
          requests.add(request(name, "record " + number, record));
        } catch (JsonProcessingException e) {
          throw DatasetReader.malformed(name, "record " + (number == 0 ? 1 : number), "not valid JSON (line "
              + e.getLocation().getLineNr() + ")");
        }
      }
    } catch (JsonProcessingException e) {
      throw DatasetReader.malformed(name, "", "not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    return requests;
  }

  private static PlannedRequest request(String name, String where, JsonNode record) {
    JsonNode turns = record == null ? null : record.get("conversations");
    if (turns == null || !turns.isArray()) {
      throw DatasetReader.malformed(name, where, "no \"conversations\" list");
    }
    Message system = null;
    int turn = 0;
    for (JsonNode t : turns) {
      turn++;
      JsonNode from = t.get("from");
      JsonNode value = t.get("value");
      if (from == null || !from.isTextual() || value == null || !value.isTextual()) {
        throw DatasetReader.malformed(name, where, "turn " + turn + " needs \"from\" and \"value\" texts");
      }
      switch (from.asText()) {
        case "system" -> system = new Message("system", value.asText());
        case "human" -> {
          if (value.asText().isBlank()) {
            throw DatasetReader.malformed(name, where, "the first human turn is empty");
          }
          Message user = new Message("user", value.asText());
          return PlannedRequest.ofMessages(system == null ? List.of(user) : List.of(system, user), Map.of());
        }
        default -> { } // a gpt turn before any human one: not a prompt
      }
    }
    throw DatasetReader.malformed(name, where, "no human turn");
  }
}

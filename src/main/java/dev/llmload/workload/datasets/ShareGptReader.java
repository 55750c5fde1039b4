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
 * turn as the user message, after the system turn before it, if any. In the all-turns mode (multi-turn conversations)
 * it gives every human turn instead, in order, each a user message, after the system turn before the first; the
 * recorded {@code gpt} turns are left out (a conversation sends the server's own replies), as is a system turn after the
 * first human one. Read one conversation at a time, so a large file is never held whole as a tree; records are numbered
 * from 1.
 */
final class ShareGptReader implements DatasetReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final boolean allHumanTurns;

  /** The first human turn of each conversation. */
  ShareGptReader() {
    this(false);
  }

  /** @param allHumanTurns every human turn of each conversation (true), or only the first (false) */
  ShareGptReader(boolean allHumanTurns) {
    this.allHumanTurns = allHumanTurns;
  }

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

  private PlannedRequest request(String name, String where, JsonNode record) {
    JsonNode turns = record == null ? null : record.get("conversations");
    if (turns == null || !turns.isArray()) {
      throw DatasetReader.malformed(name, where, "no \"conversations\" list");
    }
    Message system = null;
    List<Message> humans = new ArrayList<>();
    int turn = 0;
    for (JsonNode t : turns) {
      turn++;
      JsonNode from = t.get("from");
      JsonNode value = t.get("value");
      if (from == null || !from.isTextual() || value == null || !value.isTextual()) {
        throw DatasetReader.malformed(name, where, "turn " + turn + " needs \"from\" and \"value\" texts");
      }
      switch (from.asText()) {
        case "system" -> system = humans.isEmpty() ? new Message("system", value.asText()) : system;
        case "human" -> {
          if (value.asText().isBlank()) {
            throw DatasetReader.malformed(name, where, humans.isEmpty() ? "the first human turn is empty" : "turn " + turn + " (human) is empty");
          }
          humans.add(new Message("user", value.asText()));
          if (!allHumanTurns) {
            return conversation(system, humans);
          }
        }
        default -> { } // a gpt turn: the server's own reply takes its place
      }
    }
    if (humans.isEmpty()) {
      throw DatasetReader.malformed(name, where, "no human turn");
    }
    return conversation(system, humans);
  }

  private static PlannedRequest conversation(Message system, List<Message> humans) {
    List<Message> messages = new ArrayList<>();
    if (system != null) {
      messages.add(system);
    }
    messages.addAll(humans);
    return PlannedRequest.ofMessages(messages, Map.of());
  }
}

package dev.llmload.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.metrics.RequestRecord;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code requests.jsonl}: one {@link RequestRecord} per line, appended and flushed as each request finishes, so
 * a run that dies keeps every request it measured. Used from one thread (the recorder's).
 */
public final class RequestLog implements Closeable {

  public static final String FILE_NAME = "requests.jsonl";
  private static final ObjectWriter WRITER = Json.MAPPER.writerFor(RequestRecord.class);

  private final BufferedWriter out;

  public RequestLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public void append(RequestRecord record) {
    try {
      out.write(WRITER.writeValueAsString(record));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + FILE_NAME, e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /**
   * Reads a log back; a torn last line (the process died mid-write) is skipped. A line written before a field existed
   * reads with the field's "unknown": {@code cachedPromptTokens} -1 (the JSON default of 0 would claim the server said 0),
   * and {@code outputChars}, {@code outputWords}, {@code outputDistinctWords} -1 (the text was not counted).
   */
  public static List<RequestRecord> read(Path file) throws IOException {
    List<RequestRecord> records = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(Json.MAPPER.treeToValue(withUnknownsFilledIn(Json.MAPPER.readTree(line)), RequestRecord.class));
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          break;
        }
        throw new IOException(file + " line " + (i + 1) + " is not a request record: " + e.getMessage(), e);
      }
    }
    return records;
  }

  /** {@code line}, with -1 for the fields it lacks whose unknown is -1 (written before they were recorded). */
  private static JsonNode withUnknownsFilledIn(JsonNode line) {
    if (line instanceof ObjectNode object) {
      for (String field : UNKNOWN_IS_MINUS_ONE) {
        if (!object.has(field)) {
          object.put(field, -1);
        }
      }
    }
    return line;
  }

  /** Fields added to the record after the first version, whose "unknown" is -1. */
  private static final List<String> UNKNOWN_IS_MINUS_ONE = List.of("cachedPromptTokens", "outputChars", "outputWords",
      "outputDistinctWords");
}

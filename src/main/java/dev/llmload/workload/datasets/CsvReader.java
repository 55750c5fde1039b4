package dev.llmload.workload.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CSV: a header line naming the columns, then one record a line (RFC 4180 quoting, so a quoted prompt may span lines);
 * the prompt is the {@code llm.request.datasetColumn} column, sent as one user message. Blank lines are skipped.
 */
final class CsvReader implements DatasetReader {

  private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

  private final String column;

  CsvReader(String column) {
    this.column = column;
  }

  @Override
  public List<PlannedRequest> read(String name, Reader in) throws IOException {
    List<PlannedRequest> requests = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(in)) {
      parser.nextToken(); // the array that wraps the whole file (WRAP_AS_ARRAY): each record is an array inside it
      List<String> header = null;
      int index = -1;
      for (Row row = row(parser); row != null; row = row(parser)) {
        if (header == null) {
          header = row.values().stream().map(String::strip).toList();
          index = header.indexOf(column);
          if (index < 0) {
            throw DatasetReader.malformed(name, "line " + row.line(), "no \"" + column + "\" column (llm.request.datasetColumn) in the header "
                + header);
          }
        } else if (row.values().size() <= index || row.values().get(index).isBlank()) {
          throw DatasetReader.malformed(name, "line " + row.line(), "no \"" + column + "\" value");
        } else {
          requests.add(new PlannedRequest(row.values().get(index), Map.of()));
        }
      }
    } catch (JsonProcessingException e) {
      throw DatasetReader.malformed(name, "line " + e.getLocation().getLineNr(), "not valid CSV");
    }
    return requests;
  }

  /** One record's values and the line it starts on (its first value's: a quoted value may span lines); null at the end. */
  private static Row row(JsonParser parser) throws IOException {
    JsonToken start = parser.nextToken();
    if (start != JsonToken.START_ARRAY) {
      return null;
    }
    List<String> values = new ArrayList<>();
    int line = -1;
    for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (line < 0) {
        line = parser.currentTokenLocation().getLineNr();
      }
      values.add(parser.getText());
    }
    return new Row(values, line);
  }

  private record Row(List<String> values, int line) {}
}

package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCsvWriterTest {

  private static final String HEADER = "model,level,kind,concurrency,durationSeconds,successful,errored,incomplete,total,warmupRequests,"
      + "inFlightMean,connectionRetries,outputTokensPerSecond,totalTokensPerSecond,requestsPerSecond,tokensPerMinute,inputTokensMean,outputTokensMean,"
      + "tokenCountSource,"
      + "timeToHeadersMs_mean,timeToHeadersMs_p50,timeToHeadersMs_p90,timeToHeadersMs_p95,timeToHeadersMs_p99,timeToHeadersMs_max,"
      + "ttftMs_mean,ttftMs_p50,ttftMs_p90,ttftMs_p95,ttftMs_p99,ttftMs_max,"
      + "itlMs_mean,itlMs_p50,itlMs_p90,itlMs_p95,itlMs_p99,itlMs_max,"
      + "tpotMs_mean,tpotMs_p50,tpotMs_p90,tpotMs_p95,tpotMs_p99,tpotMs_max,"
      + "e2eMs_mean,e2eMs_p50,e2eMs_p90,e2eMs_p95,e2eMs_p99,e2eMs_max";

  @TempDir
  Path dir;

  private List<String> written(RunSummary summary) throws IOException {
    Path file = dir.resolve("summary.csv");
    new SummaryCsvWriter().write(summary, file);
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /** Splits one CSV line (RFC 4180 quoting). */
  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  @Test
  void fileName() {
    assertEquals("summary.csv", new SummaryCsvWriter().fileName());
  }

  @Test
  void headerThenOneRowPerLevel() throws IOException {
    List<String> lines = written(Summaries.run());

    assertEquals(3, lines.size());
    assertEquals(HEADER, lines.get(0));
    assertEquals(String.join(",", SummaryCsvWriter.header()), lines.get(0));
    assertEquals("Qwen/Qwen2.5-0.5B-Instruct,c=1,concurrency,1,12,10,1,2,13,3,1.250,2,123.456,456.789,0.833,7407.360,17,128,usage,"
        + "4.500,4,6.250,7,8.125,9,"
        + "45.500,44,60.250,70,88.125,90,"
        + "12.500,12,14,15,20,21.500,"
        + "12.600,12.500,13,13.500,14,14.250,"
        + "1650,1640,1700,1710,1750,1760.500", lines.get(1));
    assertEquals("Qwen/Qwen2.5-0.5B-Instruct,c=2,concurrency,2,12,0,4,0,4,0,2,0,0,0,0,0,,," + ",".repeat(30), lines.get(2),
        "missing values are empty cells, never 0");
  }

  @Test
  void sameNumbersAsSummaryJson() throws IOException {
    RunSummary summary = Summaries.run();
    List<String> lines = written(summary);
    Path json = dir.resolve("summary.json");
    new SummaryJsonWriter().write(summary, json);
    JsonNode levels = Json.MAPPER.readTree(json.toFile()).get("levels");
    List<String> header = cells(lines.get(0));

    for (int level = 0; level < levels.size(); level++) {
      JsonNode l = levels.get(level);
      List<String> row = cells(lines.get(level + 1));
      assertEquals(header.size(), row.size());
      for (int col = 0; col < header.size(); col++) {
        String name = header.get(col);
        String cell = row.get(col);
        JsonNode value = switch (name) {
          case "model" -> Json.MAPPER.valueToTree(summary.target().model());
          case "level" -> l.get("label");
          case "successful", "errored", "incomplete", "total" -> l.get("requests").get(name);
          default -> {
            if (!name.contains("_")) {
              yield l.get(name);
            }
            JsonNode metric = l.get(name.substring(0, name.indexOf('_')));
            yield metric != null && metric.isNull() ? metric : l.at("/" + name.replace('_', '/'));
          }
        };
        String where = "level " + level + " column " + name;
        assertTrue(value != null && !value.isMissingNode(), where + " has no counterpart in summary.json");
        if (value.isNull()) {
          assertEquals("", cell, where);
        } else if (value.isNumber()) {
          assertEquals(value.asDouble(), Double.parseDouble(cell), 5e-4, where);
        } else {
          assertEquals(value.asText(), cell, where);
        }
      }
    }
  }

  @Test
  void modelNameWithCommaAndQuotesIsQuoted() throws IOException {
    List<String> lines = written(Summaries.run("org/my,\"odd\" model", List.of(Summaries.level0())));
    assertTrue(lines.get(1).startsWith("\"org/my,\"\"odd\"\" model\",c=1,"), lines.get(1));
    assertEquals("org/my,\"odd\" model", cells(lines.get(1)).get(0));
    assertEquals(cells(lines.get(0)).size(), cells(lines.get(1)).size());
  }
}

package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.Percentiles;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCsvWriterTest {

  private static final String HEADER = "model,level,kind,concurrency,rate,durationSeconds,successful,errored,incomplete,total,"
      + "warmupRequests,inFlightMean,connectionRetries,outputTokensPerSecond,totalTokensPerSecond,requestsPerSecond,tokensPerMinute,"
      + "inputTokensMean,outputTokensMean,tokenCountSource,achievedRate,scheduledInWindow,sentInWindow,problem,"
      + "cachedPromptTokensMean,cachedPromptShare,"
      + "requestedInputTokensMean,receivedInputTokensMean,requestedOutputTokensMean,receivedOutputTokensMean,lengthWarning,"
      + "attainment,requestGoodput,tokenGoodput,met,missed,perMillionOutputTokensUsd,perMillionTotalTokensUsd,"
      + "outputCharsMean,outputWordsMean,vocabularyDiversity,"
      + "timeToHeadersMs_mean,timeToHeadersMs_p50,timeToHeadersMs_p90,timeToHeadersMs_p95,timeToHeadersMs_p99,timeToHeadersMs_max,"
      + "ttftMs_mean,ttftMs_p50,ttftMs_p90,ttftMs_p95,ttftMs_p99,ttftMs_max,"
      + "itlMs_mean,itlMs_p50,itlMs_p90,itlMs_p95,itlMs_p99,itlMs_max,"
      + "tpotMs_mean,tpotMs_p50,tpotMs_p90,tpotMs_p95,tpotMs_p99,tpotMs_max,"
      + "e2eMs_mean,e2eMs_p50,e2eMs_p90,e2eMs_p95,e2eMs_p99,e2eMs_max,"
      + "sendLagMs_mean,sendLagMs_p50,sendLagMs_p90,sendLagMs_p95,sendLagMs_p99,sendLagMs_max,"
      + "ttftFromScheduledMs_mean,ttftFromScheduledMs_p50,ttftFromScheduledMs_p90,ttftFromScheduledMs_p95,ttftFromScheduledMs_p99,"
      + "ttftFromScheduledMs_max,"
      + "e2eFromScheduledMs_mean,e2eFromScheduledMs_p50,e2eFromScheduledMs_p90,e2eFromScheduledMs_p95,e2eFromScheduledMs_p99,"
      + "e2eFromScheduledMs_max";

  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  @TempDir
  Path dir;

  private List<String> written(RunSummary summary) throws IOException {
    Path file = dir.resolve("summary.csv");
    new SummaryCsvWriter().write(summary, file);
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /** The file read back by a CSV parser: the header row, then one row per level. */
  private List<List<String>> parsed() throws IOException {
    try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(dir.resolve("summary.csv").toFile())) {
      return rows.readAll().stream().map(List::of).toList();
    }
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
    assertEquals("Qwen/Qwen2.5-0.5B-Instruct,c=1,concurrency,1,,12,10,1,2,13,3,1.250,2,123.456,456.789,0.833,7407.360,17,128,usage,,,,,12.500,0.750,,,,,,"
        + ",,,,,,,,,,"
        + "4.500,4,6.250,7,8.125,9,"
        + "45.500,44,60.250,70,88.125,90,"
        + "12.500,12,14,15,20,21.500,"
        + "12.600,12.500,13,13.500,14,14.250,"
        + "1650,1640,1700,1710,1750,1760.500" + ",".repeat(18), lines.get(1), "a closed level: no rate, no open-loop figures");
    assertEquals("Qwen/Qwen2.5-0.5B-Instruct,c=2,concurrency,2,,12,0,4,0,4,0,2,0,0,0,0,0,,," + ",".repeat(69), lines.get(2),
        "missing values are empty cells, never 0");
  }

  @Test
  void sloCostAndTextColumnsCarryTheLevelsFigures() throws IOException {
    List<List<String>> rows;
    written(Summaries.sloRun());
    rows = parsed();
    List<String> header = rows.get(0);
    List<String> met = rows.get(1);
    List<String> missed = rows.get(2);
    assertEquals("0.9500", String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(met.get(header.indexOf("attainment")))));
    assertEquals("true", met.get(header.indexOf("met")));
    assertEquals("", met.get(header.indexOf("missed")));
    assertEquals("false", missed.get(header.indexOf("met")));
    assertEquals("TTFT p95 612.3 ms above 500 ms", missed.get(header.indexOf("missed")));
    assertEquals("2.250", met.get(header.indexOf("perMillionOutputTokensUsd")));
    assertEquals("0.400", met.get(header.indexOf("vocabularyDiversity")));
  }

  @Test
  void sameNumbersAsSummaryJsonWithSloCostAndText() throws IOException {
    sameNumbersAsSummaryJson(Summaries.sloRun());
  }

  @Test
  void sameNumbersAsSummaryJson() throws IOException {
    sameNumbersAsSummaryJson(Summaries.run());
  }

  private void sameNumbersAsSummaryJson(RunSummary summary) throws IOException {
    written(summary);
    List<List<String>> rows = parsed();
    Path json = dir.resolve("summary.json");
    new SummaryJsonWriter().write(summary, json);
    JsonNode levels = Json.MAPPER.readTree(json.toFile()).get("levels");
    List<String> header = rows.get(0);

    for (int level = 0; level < levels.size(); level++) {
      JsonNode l = levels.get(level);
      List<String> row = rows.get(level + 1);
      assertEquals(header.size(), row.size());
      for (int col = 0; col < header.size(); col++) {
        String name = header.get(col);
        String cell = row.get(col);
        JsonNode value = switch (name) {
          case "model" -> Json.MAPPER.valueToTree(summary.target().model());
          case "level" -> l.get("label");
          case "successful", "errored", "incomplete", "total" -> l.get("requests").get(name);
          case "achievedRate", "scheduledInWindow", "sentInWindow", "problem" -> l.get("openLoop").isNull() ? l.get("openLoop")
              : l.get("openLoop").get(name);
          case "requestedInputTokensMean", "receivedInputTokensMean", "requestedOutputTokensMean", "receivedOutputTokensMean",
              "lengthWarning" -> l.get("lengths").isNull() ? l.get("lengths") : l.get("lengths").get(name);
          case "attainment", "requestGoodput", "tokenGoodput", "met", "missed" -> l.get("slo").isNull() ? l.get("slo")
              : l.get("slo").get(name);
          case "perMillionOutputTokensUsd", "perMillionTotalTokensUsd" -> l.get("cost").isNull() ? l.get("cost") : l.get("cost").get(name);
          case "outputCharsMean", "outputWordsMean", "vocabularyDiversity" -> l.get("text").isNull() ? l.get("text")
              : l.get("text").get(name);
          default -> {
            if (!name.contains("_")) {
              yield l.get(name);
            }
            String metricName = name.substring(0, name.indexOf('_'));
            JsonNode owner = l.has(metricName) ? l : l.get("openLoop");
            JsonNode metric = owner.get(metricName);
            yield metric == null ? owner : metric.isNull() ? metric : owner.at("/" + name.replace('_', '/'));
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
    assertEquals("org/my,\"odd\" model", parsed().get(1).get(0));
  }

  @Test
  void aCommaAQuoteAndALineBreakInModelOrLabelReadBackUnchanged() throws IOException {
    String model = "org/model, \"quoted\"\nsecond line";
    String label = "c=1,\"warm\"\r\nnext";
    written(Summaries.run(model, List.of(with(Summaries.level0(), "label", label), Summaries.level1())));
    List<List<String>> rows = parsed();

    assertEquals(3, rows.size(), "header and two levels: the line breaks stayed inside their cells");
    assertEquals(SummaryCsvWriter.header(), rows.get(0));
    assertEquals(List.of(model, label, "concurrency", "1", "", "12"), rows.get(1).subList(0, 6));
    assertEquals(List.of(model, "c=2", "concurrency", "2", "", "12"), rows.get(2).subList(0, 6));
    assertEquals(rows.get(0).size(), rows.get(1).size());
  }

  /** A row type of tomorrow: a component added to LevelSummary gets its column by the same rules, with no edit to the writer. */
  record Tomorrow(int index, String label, double rate, LevelSummary.RequestCounts requests, Percentiles sendLagMs, boolean open,
      Outcome worst, Double missing, List<String> errors) {}

  @Test
  void columnsFollowTheRecord() {
    List<SummaryCsvWriter.Column<Tomorrow>> columns = SummaryCsvWriter.columns(Tomorrow.class);
    assertEquals(List.of("level", "rate", "successful", "errored", "incomplete", "total", "open", "worst", "missing",
            "sendLagMs_mean", "sendLagMs_p50", "sendLagMs_p90", "sendLagMs_p95", "sendLagMs_p99", "sendLagMs_max"),
        columns.stream().map(SummaryCsvWriter.Column::name).toList());
    Tomorrow t = new Tomorrow(0, "r=2", 2.5, new LevelSummary.RequestCounts(1, 2, 3, 6), new Percentiles(4, 1, 2, 3, 4, 5, 6), true,
        Outcome.ERRORED, null, List.of());
    assertEquals(Arrays.asList("r=2", 2.5, 1L, 2L, 3L, 6L, true, Outcome.ERRORED, null, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0),
        columns.stream().map(c -> c.value().apply(t)).toList());
  }

  record ListInACell(String label, List<String> notes) {}

  @Test
  void aComponentWithSeveralValuesMustBeLeftOutOrFlattened() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SummaryCsvWriter.columns(ListInACell.class));
    assertEquals("ListInACell.notes (List) does not fit one summary.csv cell: list it in SummaryCsvWriter.LEFT_OUT or give it columns",
        e.getMessage());
  }

  /** A copy of {@code record} with one component changed, whatever components the record has today. */
  private static <R extends Record> R with(R record, String component, Object value) {
    try {
      RecordComponent[] components = record.getClass().getRecordComponents();
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(record);
      }
      @SuppressWarnings("unchecked")
      R copy = (R) record.getClass().getDeclaredConstructor(types).newInstance(args);
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}

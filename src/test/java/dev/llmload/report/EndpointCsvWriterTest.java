package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointCsvWriterTest {

  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  @TempDir
  Path dir;

  private List<List<String>> written(RunSummary summary) throws IOException {
    Path file = dir.resolve(EndpointCsvWriter.FILE_NAME);
    new EndpointCsvWriter().write(summary, file);
    try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(file.toFile())) {
      return rows.readAll().stream().map(List::of).toList();
    }
  }

  @Test
  void fileName() {
    assertEquals("summary-endpoints.csv", new EndpointCsvWriter().fileName());
  }

  @Test
  void theColumnsAreEndpointThenThoseOfSummaryCsv() throws IOException {
    List<String> header = written(Summaries.replicated()).get(0);
    assertEquals("endpoint", header.get(0));
    assertEquals(SummaryCsvWriter.header(), header.subList(1, header.size()));
  }

  @Test
  void oneRowPerEndpointPerLevelWithTheCellsSummaryCsvWrites() throws IOException {
    List<List<String>> rows = written(Summaries.replicated());
    List<String> header = rows.get(0);
    assertEquals(5, rows.size(), "header + 2 endpoints x 2 levels");
    int level = header.indexOf("level");
    int total = header.indexOf("total");
    int ttftP50 = header.indexOf("ttftMs_p50");
    assertEquals(List.of(Summaries.REPLICA_A, Summaries.REPLICA_A, Summaries.REPLICA_B, Summaries.REPLICA_B),
        rows.subList(1, 5).stream().map(r -> r.get(0)).toList());
    assertEquals(List.of("c=1", "c=2", "c=1", "c=2"), rows.subList(1, 5).stream().map(r -> r.get(level)).toList());
    assertEquals(List.of("10", "0", "3", "4"), rows.subList(1, 5).stream().map(r -> r.get(total)).toList());
    assertEquals("30", rows.get(3).get(ttftP50));
    assertEquals("", rows.get(2).get(ttftP50), "no value: an empty cell, as in summary.csv");
    assertEquals(Summaries.MODEL, rows.get(1).get(1));
  }

  @Test
  void aRunWithOneBaseUrlHasNoSuchFile() throws IOException {
    Path file = dir.resolve(EndpointCsvWriter.FILE_NAME);
    Files.writeString(file, "stale");
    new EndpointCsvWriter().write(Summaries.run(), file);
    assertFalse(Files.exists(file), "no breakdown: no file, and a stale one is removed");
  }
}

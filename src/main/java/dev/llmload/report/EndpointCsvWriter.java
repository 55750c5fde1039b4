package dev.llmload.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llmload.metrics.EndpointSummary;
import dev.llmload.metrics.LevelSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary-endpoints.csv}: the per-endpoint breakdown of a run spread over several base URLs (replicas), for
 * spreadsheets. The columns are {@code endpoint} then exactly those of {@code summary.csv} (see {@link SummaryCsvWriter});
 * one row per endpoint per level, endpoint by endpoint in the order of {@code target.baseUrls}, levels in run order.
 * A run with one base URL has no breakdown and no such file (a stale one, from an earlier rebuild, is removed).
 */
public final class EndpointCsvWriter implements ReportWriter {

  public static final String FILE_NAME = "summary-endpoints.csv";

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public void write(RunSummary summary, Path file) throws IOException {
    if (summary.endpoints() == null) {
      Files.deleteIfExists(file);
      return;
    }
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    header().forEach(schema::addColumn);
    try (SequenceWriter rows = SummaryCsvWriter.CSV.writer(schema.build()).writeValues(file.toFile())) {
      for (EndpointSummary e : summary.endpoints()) {
        for (LevelSummary l : e.levels()) {
          List<String> row = new ArrayList<>();
          row.add(SummaryCsvWriter.cell(e.endpoint()));
          row.add(SummaryCsvWriter.cell(summary.target().model()));
          SummaryCsvWriter.COLUMNS.forEach(c -> row.add(SummaryCsvWriter.cell(c.value().apply(l))));
          rows.write(row);
        }
      }
    }
  }

  /** {@code endpoint}, then the columns of {@code summary.csv}. */
  static List<String> header() {
    List<String> h = new ArrayList<>(List.of("endpoint"));
    h.addAll(SummaryCsvWriter.header());
    return h;
  }
}

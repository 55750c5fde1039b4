package dev.llmload.report;

import java.io.IOException;
import java.nio.file.Path;

/** Writes one output file of a run from its summary. New formats are new implementations, not edits. */
public interface ReportWriter {

  /** File name inside the run folder, e.g. {@code summary.json}. */
  String fileName();

  void write(RunSummary summary, Path file) throws IOException;

  /** Every format a run writes, in the order they are written. */
  static java.util.List<ReportWriter> all() {
    return java.util.List.of(new SummaryJsonWriter(), new SummaryCsvWriter(), new HtmlReportWriter(), new EndpointCsvWriter(),
        PngChartWriter.throughput(), PngChartWriter.ttft());
  }
}

package dev.llmload.report;

import java.io.IOException;
import java.nio.file.Path;

/** {@code summary.json}: the {@link RunSummary}, pretty-printed. */
public final class SummaryJsonWriter implements ReportWriter {

  @Override
  public String fileName() {
    return "summary.json";
  }

  @Override
  public void write(RunSummary summary, Path file) throws IOException {
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), summary);
  }
}

package dev.llmload.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.compare.RunFolderException;
import dev.llmload.compare.RunReader;
import dev.llmload.config.BaselineSettings;
import dev.llmload.report.Json;
import dev.llmload.report.RunSummary;
import java.util.List;

/**
 * The baseline step of a run's end: reads the baseline ({@code llm.baseline.file}) and holds the finished run's summary
 * against it ({@link BaselineComparison}). A baseline that cannot be read is one failed verdict saying why.
 */
public final class BaselineCheck {

  /** The suite of every baseline {@link Check}. */
  public static final String SUITE = "baseline";

  private BaselineCheck() {}

  /** The run held against the baseline; null when no baseline is set. */
  public static BaselineResult evaluate(BaselineSettings settings, RunSummary summary) {
    if (!settings.defined()) {
      return null;
    }
    String file = settings.file().toString();
    JsonNode baseline;
    try {
      baseline = RunReader.summaryTree(settings.file());
    } catch (RunFolderException e) {
      return BaselineResult.of(file, List.of(new MetricVerdict(null, null, BaselineStatus.BASELINE_UNREADABLE, false, null, null, null, null,
          e.getMessage())));
    }
    JsonNode run = Json.MAPPER.valueToTree(summary);
    return BaselineResult.of(file, BaselineComparison.compare(baseline, run, settings.tolerances()));
  }

  /** The baseline checks of a finished run: none when it had no baseline. */
  public static List<Check> checks(RunSummary summary) {
    return summary == null || summary.baseline() == null ? List.of() : summary.baseline().asChecks();
  }
}

package dev.llmload.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The run history ({@code llm.history}): whether each finished run appends its headline numbers to a JSON-lines file,
 * and which file.
 *
 * @param enabled false: no run appends
 * @param file the JSON-lines file runs append to (by default {@code <llm.report.dir>/history.jsonl})
 */
public record HistorySettings(boolean enabled, Path file) {

  /** The file name used in {@code llm.report.dir} when {@code llm.history.file} is not set. */
  public static final String DEFAULT_FILE_NAME = "history.jsonl";

  public HistorySettings {
    Objects.requireNonNull(file, "file");
  }

  /** Enabled, in {@code <reportDir>/history.jsonl}. */
  public static HistorySettings in(Path reportDir) {
    return new HistorySettings(true, reportDir.resolve(DEFAULT_FILE_NAME));
  }
}

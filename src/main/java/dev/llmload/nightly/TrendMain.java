package dev.llmload.nightly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.config.ConfigException;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The trend page: {@code mvn -q compile exec:java@trend [-Dhistory=reports/history.jsonl]
 * [-Dbaseline=user-files/baselines/nightly.json] [-Dout=reports/trend/index.html]} reads the history (by default
 * {@code llm.history.file}) and writes the page (by default {@code <llm.report.dir>/trend/index.html}), with the limits
 * of {@code llm.slo} and, when given, the baseline - a {@code summary.json}, or a run folder holding one. A history that
 * cannot be read, or holds no run, stops it with one sentence (exit status 2).
 */
public final class TrendMain {

  /** Exit status of a page that could not be made (as {@code exec:java@compare}'s). */
  public static final int FAILED = 2;

  private TrendMain() {}

  public static void main(String[] args) {
    ConsoleReporter console = ConsoleReporter.stdout();
    try {
      LlmSettings settings = SettingsLoader.load();
      Path history = property("history").map(Path::of).orElse(settings.history().file());
      Path out = property("out").map(Path::of).orElse(settings.report().dir().resolve("trend").resolve("index.html"));
      Path baseline = property("baseline").map(Path::of).orElse(null);
      write(history, baseline, settings, out, console);
      console.info("trend page: " + out.toAbsolutePath());
    } catch (TrendException e) {
      console.error(e.getMessage());
      System.exit(FAILED);
    } catch (ConfigException e) {
      console.error("configuration error: " + e.getMessage());
      System.exit(FAILED);
    } catch (IOException e) {
      console.error("cannot write the trend page: " + e.getMessage());
      System.exit(FAILED);
    }
  }

  /**
   * Reads {@code history} (warnings for skipped lines go to {@code console}) and the baseline, then writes the page.
   *
   * @param baseline a {@code summary.json} or a run folder holding one; null: none
   * @throws TrendException when the history has no run or the baseline cannot be read (nothing is written then)
   */
  public static TrendData write(Path history, Path baseline, LlmSettings settings, Path out, ConsoleReporter console) throws IOException {
    if (!Files.isRegularFile(history)) {
      throw new TrendException("There is no history at " + history.toAbsolutePath().normalize() + ": runs append to llm.history.file "
          + "when they finish; name the file with -Dhistory=<file>.");
    }
    List<HistoryEntry> entries = HistoryFile.read(history, w -> console.info("WARNING: " + w));
    if (entries.isEmpty()) {
      throw new TrendException("The history " + history + " holds no run: let a run finish first (llm.history.enabled = true).");
    }
    TrendData data = TrendData.of(entries, settings.slo(), settings.gates(), baseline == null ? null : readBaseline(baseline),
        baseline == null ? null : baseline.toString());
    TrendPage.write(data, out);
    return data;
  }

  private static HistoryEntry readBaseline(Path baseline) {
    Path file = Files.isDirectory(baseline) ? baseline.resolve("summary.json") : baseline;
    if (!Files.isRegularFile(file)) {
      throw new TrendException("There is no baseline summary at " + file.toAbsolutePath().normalize() + ": name a summary.json (e.g. "
          + "-Dbaseline=user-files/baselines/nightly.json) or a run folder holding one.");
    }
    try {
      JsonNode root = Json.MAPPER.readTree(file.toFile());
      return HistoryEntry.of(root);
    } catch (JsonProcessingException e) {
      throw new TrendException("The baseline " + file + " is not valid JSON (" + e.getOriginalMessage() + "): name a run's summary.json.");
    } catch (IllegalArgumentException e) {
      throw new TrendException("The baseline " + file + " is " + e.getMessage() + ": name a run's summary.json.");
    } catch (IOException e) {
      throw new TrendException("The baseline " + file + " cannot be read (" + e.getMessage() + "): check its permissions.");
    }
  }

  private static java.util.Optional<String> property(String name) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.strip());
  }

  /** A trend page that cannot be made: one sentence naming the problem and the fix. */
  public static final class TrendException extends RuntimeException {
    public TrendException(String message) {
      super(message);
    }
  }
}

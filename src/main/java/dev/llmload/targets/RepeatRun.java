package dev.llmload.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.compare.RunFolderException;
import dev.llmload.compare.RunReader;
import dev.llmload.config.BaselineSettings;
import dev.llmload.nightly.BaselineComparison;
import dev.llmload.nightly.BaselineResult;
import dev.llmload.nightly.MedianOfRuns;
import dev.llmload.nightly.MetricVerdict;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.Json;
import dev.llmload.report.RunDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one simulation N times in a row, each in a JVM of its own ({@link ChildRun}, as the targets command does), each
 * in its own run folder ({@code <Simulation>-rep<i>-<time>}, or {@code <Simulation>-<name>-rep<i>-<time>} for a named
 * target), then writes their median ({@link MedianOfRuns}) as a folder of its own,
 * {@code <Simulation>-median-of-<N>-<time>/summary.json}, held against the baseline when one is set - so a nightly job
 * gates on the median, not on one noisy run.
 */
public final class RepeatRun {

  private final ChildRun child;
  private final ConsoleReporter console;
  private final Consumer<String> childOutput;

  /** @param childOutput receives every line each repetition prints, as it prints it */
  public RepeatRun(ChildRun child, ConsoleReporter console, Consumer<String> childOutput) {
    this.child = child;
    this.console = console;
    this.childOutput = childOutput;
  }

  /**
   * What the repetitions left.
   *
   * @param folders the run folders of the repetitions that made a report, in order
   * @param failures one sentence per repetition that made none
   * @param medianFolder the median's folder; null when no repetition made a report
   * @param median the median's {@code summary.json}; null likewise
   * @param baseline the median held against the baseline; null without a baseline or a median
   */
  public record Result(List<Path> folders, List<String> failures, Path medianFolder, ObjectNode median, BaselineResult baseline,
      List<dev.llmload.nightly.Check> gates) {

    /** Every check of the median: its gates, then its baseline verdicts. */
    public List<dev.llmload.nightly.Check> checks() {
      List<dev.llmload.nightly.Check> all = new ArrayList<>(gates);
      if (baseline != null) {
        all.addAll(baseline.asChecks());
      }
      return all;
    }
  }

  /**
   * @param simulationClass e.g. {@code dev.llmload.simulations.ConcurrencySweep}
   * @param count how many times to run it, at least 1
   * @param commandLine the command's system properties; the {@code llm.*} and {@code gatling.*} ones are passed on
   * @param reportsDir {@code llm.report.dir}
   */
  public Result run(String simulationClass, int count, Map<String, String> commandLine, Path reportsDir, BaselineSettings baseline)
      throws IOException {
    return run(simulationClass, count, commandLine, reportsDir, baseline, List.of());
  }

  /** The same, the median also judged by {@code gates} ({@code llm.gates}): its summary.json and junit.xml hold them. */
  public Result run(String simulationClass, int count, Map<String, String> commandLine, Path reportsDir, BaselineSettings baseline,
      List<dev.llmload.config.Gate> gates) throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    String simulation = simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
    String name = commandLine.get("llm.target.name");
    List<Path> folders = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 1; i <= count && !Thread.currentThread().isInterrupted(); i++) {
      String repName = (name == null || name.isBlank() || name.equals("null") ? "" : name + "-") + "rep" + i;
      console.info("repetition " + i + " of " + count + " (" + repName + ")");
      Set<Path> before = TargetsRun.runFolders(reportsDir);
      AtomicReference<String> error = new AtomicReference<>();
      int status = runOne(simulationClass, simulation + " " + repName, properties(commandLine, repName), error);
      Optional<Path> folder = TargetsRun.newRunFolder(reportsDir, before, repName);
      if (folder.isEmpty()) {
        failures.add("repetition " + i + ": " + (error.get() != null ? error.get() : "its run ended with exit status " + status
            + " before it made a run folder (its output is above)"));
      } else {
        folders.add(folder.get());
      }
    }
    failures.forEach(f -> console.info("FAILED " + f));
    List<JsonNode> summaries = new ArrayList<>();
    List<Path> read = new ArrayList<>();
    for (Path f : folders) {
      try {
        summaries.add(RunReader.summaryTree(f));
        read.add(f);
      } catch (RunFolderException e) {
        failures.add(e.getMessage());
      }
    }
    if (summaries.isEmpty()) {
      return new Result(folders, failures, null, null, null, List.of());
    }
    ObjectNode median = MedianOfRuns.of(summaries, read.stream().map(Path::toString).toList());
    BaselineResult held = null;
    if (baseline.defined()) {
      List<MetricVerdict> verdicts;
      try {
        verdicts = BaselineComparison.compare(RunReader.summaryTree(baseline.file()), median, baseline.tolerances());
      } catch (RunFolderException e) {
        verdicts = List.of(new MetricVerdict(null, null, dev.llmload.nightly.BaselineStatus.BASELINE_UNREADABLE, false, null, null, null, null,
            e.getMessage()));
      }
      held = BaselineResult.of(baseline.file().toString(), verdicts);
      median.set("baseline", Json.MAPPER.valueToTree(held));
    }
    List<dev.llmload.nightly.Check> gateChecks = gates.isEmpty() ? List.of() : dev.llmload.nightly.Gates.evaluate(gates, asSummary(median));
    median.set("gates", Json.MAPPER.valueToTree(gateChecks));
    RunDirectory directory = RunDirectory.create(reportsDir, simulation + "-median-of-" + summaries.size(), LocalDateTime.now());
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(directory.file("summary.json").toFile(), median);
    Result result = new Result(folders, failures, directory.path(), median, held, gateChecks);
    if (!result.checks().isEmpty()) {
      dev.llmload.nightly.JUnitXml.write(directory.path(), directory.path().getFileName().toString(), result.checks());
    }
    return result;
  }

  /**
   * The median as a run summary, for the gates: the numbers a summary has; the spread and the repetitions left aside, and
   * what a median has no lists for (the timeline, distributions, errors) left empty.
   */
  static dev.llmload.report.RunSummary asSummary(JsonNode median) throws IOException {
    ObjectNode copy = median.deepCopy();
    copy.remove(List.of("timeline", "endpoints"));
    for (JsonNode level : copy.path("levels")) {
      ((ObjectNode) level).remove(List.of("distributions", "conversations"));
      if (!level.path("errors").isArray()) {
        ((ObjectNode) level).putArray("errors");
      }
    }
    return Json.MAPPER.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .treeToValue(copy, dev.llmload.report.RunSummary.class);
  }

  /** The repetition's system properties: the command's {@code llm.*} and {@code gatling.*} ones, its own target name. */
  static Map<String, String> properties(Map<String, String> commandLine, String repName) {
    Map<String, String> out = new TreeMap<>();
    commandLine.forEach((k, v) -> {
      if ((k.equals("llm") || k.startsWith("llm.") || k.startsWith("gatling.")) && !k.equals("llm.target.name")) {
        out.put(k, v);
      }
    });
    out.put("llm.target.name", repName);
    return out;
  }

  private int runOne(String simulationClass, String description, Map<String, String> properties, AtomicReference<String> error) {
    List<String> command = child.command(simulationClass, description, properties);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      error.set("its JVM could not be started (" + command.get(0) + "): " + e.getMessage());
      return -1;
    }
    Thread stopChild = new Thread(process::destroy, "llm-repeat-stop");
    Runtime.getRuntime().addShutdownHook(stopChild); // the command stopped: the current repetition stops too (and reports)
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          childOutput.accept(line);
          TargetsRun.errorSentence(line).ifPresent(error::set);
        }
      } catch (IOException e) {
        // the output closed under us: the exit status and the folder still tell
      }
    }, "llm-repeat-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int status = process.waitFor();
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return status;
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      error.set("the command was interrupted during the run");
      return -1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs
      }
    }
  }

  /**
   * The spread for people: per level of {@code median}, per metric path, its median and the min and max over the runs
   * ({@code c=1   outputTokensPerSecond  median 112.0  (min 110.2, max 115.1 over 3 runs)}); a metric a level lacks is skipped.
   */
  static List<String> spreadLines(JsonNode median, List<String> metrics) {
    List<String> lines = new ArrayList<>();
    for (JsonNode level : median.path("levels")) {
      for (String metric : metrics) {
        JsonNode value = level;
        for (String part : metric.split("\\.")) {
          value = value.path(part);
        }
        JsonNode range = level.path("spread").path(metric);
        if (value.isNumber() && range.isObject()) {
          lines.add(String.format(java.util.Locale.ROOT, "  %-10s %-22s median %s  (min %s, max %s over %d runs)", level.path("label").asText(),
              metric, plain(value.asDouble()), plain(range.path("min").asDouble()), plain(range.path("max").asDouble()),
              level.path("spread").path("runs").asInt()));
        }
      }
    }
    return lines;
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
  }
}

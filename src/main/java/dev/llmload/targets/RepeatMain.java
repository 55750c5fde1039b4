package dev.llmload.targets;

import dev.llmload.config.ConfigException;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.config.Tolerance;
import dev.llmload.gatling.ExitStatus;
import dev.llmload.gatling.Launch;
import dev.llmload.report.ConsoleReporter;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repeat command: {@code mvn -q test-compile exec:java@repeat -Dsimulation=ConcurrencySweep -Drepeat=3} runs the
 * simulation {@code repeat} times ({@link RepeatRun}) and writes their median with its spread, held against the baseline
 * ({@code llm.baseline}) and judged by the gates ({@code llm.gates}). Exit status: 0; 5 when the median fails a check; 3 for a configuration error, or when
 * a repetition made no report (the median is then of the others).
 */
public final class RepeatMain {

  private RepeatMain() {}

  public static void main(String[] args) {
    ConsoleReporter console = ConsoleReporter.stdout();
    String simulation = args.length > 0 && !args[0].isBlank() ? args[0].strip() : System.getProperty("simulation", "ConcurrencySweep");
    String simulationClass = simulation.contains(".") ? simulation : TargetsMain.SIMULATIONS + simulation;
    String repeat = args.length > 1 ? args[1] : System.getProperty("repeat", "3");
    int count = 0;
    try {
      count = Integer.parseInt(repeat.strip());
    } catch (NumberFormatException e) {
      count = 0;
    }
    if (count < 1 || count > 100) {
      exit(console, "-Drepeat=" + repeat + " is not a number of runs: give one from 1 to 100, e.g. -Drepeat=3.");
    }
    try {
      Class.forName(simulationClass, false, RepeatMain.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      exit(console, "there is no simulation " + simulation + " on the class path: name one of src/test/java/dev/llmload/simulations "
          + "(-Dsimulation=ConcurrencySweep) and compile the tests first (mvn -q test-compile exec:java@repeat ...).");
    }
    LlmSettings settings = null;
    try {
      settings = SettingsLoader.load();
    } catch (ConfigException e) {
      exit(console, "configuration error: " + e.getMessage());
    }
    Map<String, String> commandLine = new HashMap<>();
    System.getProperties().stringPropertyNames().forEach(k -> commandLine.put(k, System.getProperty(k)));
    RepeatRun.Result result = null;
    try {
      result = new RepeatRun(ChildRun.ofThisJvm(), console, System.out::println).run(simulationClass, count, commandLine,
          settings.report().dir(), settings.baseline(), settings.gates());
    } catch (IOException e) {
      exit(console, "cannot write the median under " + settings.report().dir().toAbsolutePath() + ": " + e.getMessage());
    }
    if (result.median() == null) {
      exit(console, "no repetition made a report; nothing to take the median of.");
    }
    List<String> metrics = Stream.concat(Stream.of("outputTokensPerSecond", "ttftMs.p95"),
        settings.baseline().tolerances().stream().map(Tolerance::metric)).distinct().toList();
    console.info("median of " + result.folders().size() + " runs, with the spread over them:");
    RepeatRun.spreadLines(result.median(), metrics).forEach(System.out::println);
    console.baseline(result.baseline());
    console.info("median: " + result.medianFolder().resolve("summary.json").toAbsolutePath());
    if (!result.failures().isEmpty()) {
      exit(console, result.failures().size() + " of " + count + " repetitions made no report; the median is of the other "
          + result.folders().size() + ".");
    }
    if (!result.gates().isEmpty()) {
      console.gates(result.gates());
    }
    long failed = result.checks().stream().filter(c -> !c.passed()).count();
    if (failed > 0) {
      console.error("the median failed " + failed + " of its " + result.checks().size() + " checks (gates and baseline, listed above; "
          + "junit.xml in " + result.medianFolder() + ").");
      System.exit(ExitStatus.CHECKS_FAILED.code());
    }
  }

  private static void exit(ConsoleReporter console, String sentence) {
    console.error(sentence);
    System.exit(Launch.USAGE_ERROR);
  }
}

package dev.llmload.targets;

import dev.llmload.compare.CompareRuns;
import dev.llmload.config.ConfigException;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.gatling.Launch;
import dev.llmload.report.ConsoleReporter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The targets command: {@code mvn -q test-compile exec:java@targets -Dsimulation=ConcurrencySweep} runs the simulation
 * against each of {@code llm.targets} in turn and compares the runs ({@link TargetsRun}). A configuration error stops it
 * before any run, in one sentence (exit status 3); a target that could not be run is named on the comparison page, the
 * others run, and the command then exits with status 3.
 */
public final class TargetsMain {

  static final String SIMULATIONS = "dev.llmload.simulations.";

  private TargetsMain() {}

  public static void main(String[] args) {
    ConsoleReporter console = ConsoleReporter.stdout();
    String simulation = args.length > 0 && !args[0].isBlank() ? args[0].strip() : System.getProperty("simulation", "ConcurrencySweep");
    String simulationClass = simulation.contains(".") ? simulation : SIMULATIONS + simulation;
    try {
      Class.forName(simulationClass, false, TargetsMain.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      exit(console, "there is no simulation " + simulation + " on the class path: name one of src/test/java/dev/llmload/simulations "
          + "(-Dsimulation=ConcurrencySweep) and compile the tests first (mvn -q test-compile exec:java@targets ...).");
    }
    LlmSettings settings = null;
    try {
      settings = SettingsLoader.load();
    } catch (ConfigException e) {
      exit(console, "configuration error: " + e.getMessage());
    }
    if (settings.targets().isEmpty()) {
      exit(console, "llm.targets is empty: list the targets to compare, e.g. -Dllm.targets='[{name=small, preset=fast}, "
          + "{name=gemma, preset=gemma-2-2b-l4}]' or in a profile file (README, Comparing models and servers).");
    }
    Map<String, String> commandLine = new HashMap<>();
    System.getProperties().stringPropertyNames().forEach(k -> commandLine.put(k, System.getProperty(k)));
    TargetsRun.Result result = null;
    try {
      result = new TargetsRun(ChildRun.ofThisJvm(), console, System.out::println).run(simulationClass, settings.targets(), commandLine,
          settings.report().dir());
    } catch (IOException e) {
      exit(console, "cannot write the comparison under " + settings.report().dir().toAbsolutePath() + ": " + e.getMessage());
    }
    if (result.comparison() != null) {
      CompareRuns.report(console, result.comparison());
    }
    if (!result.failed().isEmpty()) {
      exit(console, result.failed().size() + " of " + settings.targets().size() + " targets could not be run ("
          + result.failed().stream().map(f -> f.target().name()).collect(Collectors.joining(", ")) + ")"
          + (result.comparison() == null ? "; nothing to compare." : "; the comparison names " + (result.failed().size() == 1 ? "it" : "them") + " and compares the others."));
    }
  }

  private static void exit(ConsoleReporter console, String sentence) {
    console.error(sentence);
    System.exit(Launch.USAGE_ERROR);
  }
}

package dev.llmload.targets;

import dev.llmload.compare.CompareRuns;
import dev.llmload.compare.FailedTarget;
import dev.llmload.compare.RunFolderException;
import dev.llmload.compare.RunReader;
import dev.llmload.config.NamedTarget;
import dev.llmload.report.ConsoleReporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one simulation against each target in turn, each in a JVM of its own ({@link ChildRun}), then compares the
 * runs. A target whose run fails before it has a report (its preflight, a configuration error, a crash) is reported
 * as failed - with the one sentence its run printed - and the others still run; the comparison names it.
 */
public final class TargetsRun {

  /** How a run says it could not start (ConsoleReporter's error line): the rest of the line is the sentence. */
  static final String ERROR_MARK = "[llm-loadtest] ERROR: ";

  private final ChildRun child;
  private final ConsoleReporter console;
  private final Consumer<String> childOutput;

  /**
   * @param childOutput receives every line each target's run prints, as it prints it
   */
  public TargetsRun(ChildRun child, ConsoleReporter console, Consumer<String> childOutput) {
    this.child = child;
    this.console = console;
    this.childOutput = childOutput;
  }

  /** What became of one target. */
  public sealed interface Outcome permits Ran, Failed {

    NamedTarget target();
  }

  /** The target's run has a report in {@code folder}; {@code exitStatus} 2 means its Gatling assertions failed. */
  public record Ran(NamedTarget target, Path folder, int exitStatus) implements Outcome {}

  /** The target's run has no report, for {@code reason} (one sentence). */
  public record Failed(NamedTarget target, String reason) implements Outcome {}

  /**
   * What the targets command did: each target's outcome in order, and the comparison of those that ran (null when none
   * did).
   */
  public record Result(List<Outcome> outcomes, CompareRuns.Written comparison) {

    public List<Failed> failed() {
      return outcomes.stream().filter(o -> o instanceof Failed).map(o -> (Failed) o).toList();
    }
  }

  /**
   * @param simulationClass the simulation's class, e.g. {@code dev.llmload.simulations.ConcurrencySweep}
   * @param commandLine the targets command's system properties (the {@code llm.*} and {@code gatling.*} ones are passed on)
   * @param reportsDir {@code llm.report.dir}: where the runs make their folders and the comparison is written
   */
  public Result run(String simulationClass, List<NamedTarget> targets, Map<String, String> commandLine, Path reportsDir) throws IOException {
    String simulation = simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      NamedTarget t = targets.get(i);
      console.info("target " + (i + 1) + " of " + targets.size() + ": " + t.describe());
      Outcome outcome = runOne(simulationClass, simulation, t, commandLine, reportsDir);
      outcomes.add(outcome);
      if (outcome instanceof Failed f) {
        console.info("target " + t.name() + " failed: " + f.reason() + (i + 1 < targets.size() ? " The other targets still run." : ""));
      } else if (outcome instanceof Ran r && r.exitStatus() != 0) {
        console.info("target " + t.name() + ": its run ended with exit status " + dev.llmload.gatling.ExitStatus.describe(r.exitStatus()) + "; its report is "
            + "compared");
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    List<Path> folders = outcomes.stream().filter(o -> o instanceof Ran).map(o -> ((Ran) o).folder()).toList();
    List<FailedTarget> failed = outcomes.stream().filter(o -> o instanceof Failed).map(o -> new FailedTarget(o.target().name(),
        ((Failed) o).reason())).toList();
    CompareRuns.Written written = folders.isEmpty() ? null : CompareRuns.write(folders, failed, reportsDir, OffsetDateTime.now());
    return new Result(outcomes, written);
  }

  private Outcome runOne(String simulationClass, String simulation, NamedTarget t, Map<String, String> commandLine, Path reportsDir) {
    Set<Path> before = runFolders(reportsDir);
    List<String> command = child.command(simulationClass, simulation + " " + t.name(), ChildRun.properties(commandLine, t));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Failed(t, "Its JVM could not be started (" + command.get(0) + "): " + e.getMessage() + ".");
    }
    Thread stopChild = new Thread(process::destroy, "llm-target-stop");
    Runtime.getRuntime().addShutdownHook(stopChild); // the targets command stopped: its current run stops too (and reports)
    AtomicReference<String> error = new AtomicReference<>();
    Thread reader = new Thread(() -> copyOutput(process, error), "llm-target-output");
    reader.setDaemon(true);
    reader.start();
    int status;
    try {
      status = process.waitFor();
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      return new Failed(t, "The targets command was interrupted during its run.");
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs
      }
    }
    Optional<Path> folder = newRunFolder(reportsDir, before, t.name());
    String sentence = error.get();
    if (folder.isEmpty()) {
      return new Failed(t, sentence != null ? sentence : "Its run ended with exit status " + status + " before it made a run folder under "
          + reportsDir + " (its output is above).");
    }
    try {
      RunReader.read(folder.get());
    } catch (RunFolderException e) {
      return new Failed(t, (sentence != null ? sentence + " " : "") + e.getMessage());
    }
    return new Ran(t, folder.get(), status);
  }

  private void copyOutput(Process process, AtomicReference<String> error) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        childOutput.accept(line);
        errorSentence(line).ifPresent(error::set);
      }
    } catch (IOException e) {
      // the run's output stream closed under us: its exit status and folder still tell
    }
  }

  /** The sentence of a run's error line ("[llm-loadtest] ERROR: ..."), if {@code line} is one. */
  static Optional<String> errorSentence(String line) {
    int at = line.indexOf(ERROR_MARK);
    return at < 0 ? Optional.empty() : Optional.of(line.substring(at + ERROR_MARK.length()).strip());
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The run folders under {@code reportsDir} now (folders, not the {@code latest} link). */
  static Set<Path> runFolders(Path reportsDir) {
    if (!Files.isDirectory(reportsDir)) {
      return Set.of();
    }
    try (Stream<Path> children = Files.list(reportsDir)) {
      return children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).collect(Collectors.toSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** The folder a target's run made: new since {@code before}, named {@code <Simulation>-<name>-<time>}; the newest. */
  static Optional<Path> newRunFolder(Path reportsDir, Set<Path> before, String name) {
    return runFolders(reportsDir).stream().filter(p -> !before.contains(p))
        .filter(p -> p.getFileName().toString().contains("-" + name + "-"))
        .max(Comparator.comparing(p -> p.getFileName().toString()));
  }
}

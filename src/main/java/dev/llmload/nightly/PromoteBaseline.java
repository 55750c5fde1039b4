package dev.llmload.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.compare.RunFolderException;
import dev.llmload.compare.RunReader;
import dev.llmload.report.ConsoleReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Promotes a finished run to a baseline: {@code mvn -q compile exec:java@promote -Drun=reports/<run> [-Dname=nightly]}
 * copies the run's {@code summary.json} to {@code <llm.userFiles>/baselines/<name>.json} (replacing the one there), which
 * {@code llm.baseline.file = "baselines/<name>.json"} then names.
 */
public final class PromoteBaseline {

  /** The baseline's name when none is given. */
  public static final String DEFAULT_NAME = "nightly";

  private PromoteBaseline() {}

  public static void main(String[] args) {
    ConsoleReporter console = ConsoleReporter.stdout();
    String run = args.length > 0 ? args[0] : System.getProperty("run");
    String name = args.length > 1 ? args[1] : System.getProperty("name", DEFAULT_NAME);
    if (run == null || run.isBlank()) {
      console.error("name the run to promote: mvn -q compile exec:java@promote -Drun=reports/<run> [-Dname=nightly]");
      System.exit(2);
    }
    try {
      Promoted p = promote(Path.of(run), Path.of(System.getProperty("llm.userFiles", "user-files")), name);
      if (p.partial()) {
        console.info("WARNING: " + run + " is a partial run (stopped before its schedule ended): its levels are what later runs "
            + "are held against");
      }
      console.info("promoted " + run + " to the baseline " + p.file() + "; hold runs against it with llm.baseline.file = \"baselines/"
          + name + ".json\"");
    } catch (RunFolderException | IllegalArgumentException e) {
      console.error(e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      console.error("cannot write the baseline " + name + " (" + e.getMessage() + "): check that " + System.getProperty("llm.userFiles",
          "user-files") + "/baselines can be written.");
      System.exit(2);
    }
  }

  /** The baseline written, and whether its run was partial. */
  public record Promoted(Path file, boolean partial) {}

  /**
   * Copies the {@code summary.json} of {@code run} (a run folder, or a summary.json) to
   * {@code <userFiles>/baselines/<name>.json}, creating the folder.
   *
   * @throws RunFolderException one sentence when {@code run} is no finished run
   * @throws IllegalArgumentException one sentence when {@code name} is not a plain file name
   */
  public static Promoted promote(Path run, Path userFiles, String name) throws IOException {
    if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
      throw new IllegalArgumentException("The baseline name \"" + name + "\" is not a plain file name: use letters, digits, '.', '_' or "
          + "'-', e.g. -Dname=nightly.");
    }
    JsonNode summary = RunReader.summaryTree(run); // a run's summary, or one sentence saying why not
    Path source = Files.isDirectory(run) ? run.resolve("summary.json") : run;
    Path target = userFiles.resolve("baselines").resolve(name + ".json");
    Files.createDirectories(target.getParent());
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    return new Promoted(target, summary.path("partial").asBoolean(false));
  }
}

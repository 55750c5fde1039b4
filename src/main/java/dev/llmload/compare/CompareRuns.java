package dev.llmload.compare;

import dev.llmload.config.ConfigException;
import dev.llmload.config.SettingsLoader;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares run folders: {@code mvn -q compile exec:java@compare -Druns=reports/A,reports/B[,...]} reads each folder's
 * {@code summary.json} and writes {@code <llm.report.dir>/compare-<yyyyMMdd-HHmmss>/} with {@code comparison.json} and
 * {@code index.html}, and prints the verdicts. A folder that cannot be compared stops it with one sentence naming the
 * folder (exit status 2), before anything is written.
 */
public final class CompareRuns {

  /** Exit status of a comparison that could not be made (as {@code exec:java@rebuild}'s). */
  public static final int FAILED = 2;
  static final String JSON_FILE = "comparison.json";
  static final String PAGE_FILE = "index.html";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private CompareRuns() {}

  public static void main(String[] args) {
    ConsoleReporter console = ConsoleReporter.stdout();
    String runs = args.length > 0 ? args[0] : System.getProperty("runs");
    List<Path> folders = runs == null ? List.of() : Arrays.stream(runs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of)
        .toList();
    if (folders.size() < 2) {
      console.error("name at least two run folders to compare: mvn -q compile exec:java@compare -Druns=reports/<run>,reports/<other run>");
      System.exit(FAILED);
    }
    try {
      Path reportsDir = SettingsLoader.load().report().dir();
      report(console, write(folders, List.of(), reportsDir, OffsetDateTime.now()));
    } catch (RunFolderException e) {
      console.error(e.getMessage());
      System.exit(FAILED);
    } catch (ConfigException e) {
      console.error("configuration error: " + e.getMessage());
      System.exit(FAILED);
    } catch (IOException e) {
      console.error("cannot write the comparison: " + e.getMessage());
      System.exit(FAILED);
    }
  }

  /** The verdicts and where the page is, on the console. */
  public static void report(ConsoleReporter console, Written written) {
    for (String note : written.comparison().notes()) {
      console.info("NOTE: " + note);
    }
    for (Verdict v : written.comparison().verdicts()) {
      console.info(v.title() + ": " + v.sentence());
    }
    console.info("comparison in " + written.folder().resolve(PAGE_FILE).toAbsolutePath());
  }

  /**
   * Reads every folder, then writes the comparison into a new {@code compare-<time>} folder under {@code reportsDir}.
   *
   * @param failed targets that produced no run (the targets command), named on the page
   * @return the comparison and its folder
   * @throws RunFolderException naming the first folder that cannot be compared (nothing is written then)
   */
  public static Written write(List<Path> folders, List<FailedTarget> failed, Path reportsDir, OffsetDateTime now) throws IOException {
    List<ComparedRun> runs = new ArrayList<>();
    List<Path> seen = new ArrayList<>();
    for (Path folder : folders) {
      runs.add(RunReader.read(folder));
      Path real = folder.toRealPath(); // reports/latest is the run it points at, and links to it stay right when it moves on
      if (seen.contains(real)) {
        throw new RunFolderException("The run folder " + folder + " is named twice: name each run to compare once.");
      }
      seen.add(real);
    }
    Path dir = createFolder(reportsDir, now);
    Comparison c = Comparison.of(runs, failed, now.truncatedTo(ChronoUnit.SECONDS).toString())
        .withPages(seen.stream().map(real -> link(dir, real.resolve(PAGE_FILE))).toList());
    String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(c);
    Files.writeString(dir.resolve(JSON_FILE), json, StandardCharsets.UTF_8);
    ComparisonHtmlWriter.write(c, json, dir.resolve(PAGE_FILE));
    return new Written(dir, c);
  }

  /** A comparison written: its folder ({@code compare-<time>}) and what it holds. */
  public record Written(Path folder, Comparison comparison) {}

  /** {@code target} relative to {@code from}, with forward slashes: a link that works from {@code file://}. */
  static String link(Path from, Path target) {
    Path base = from.toAbsolutePath().normalize();
    try {
      base = base.toRealPath();
    } catch (IOException e) {
      // not there (yet): as it is
    }
    return base.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** {@code <reportsDir>/compare-<yyyyMMdd-HHmmss>}, with -2, -3... when one already exists for the same second. */
  static Path createFolder(Path reportsDir, OffsetDateTime now) throws IOException {
    Files.createDirectories(reportsDir);
    String base = "compare-" + STAMP.format(now);
    Path candidate = reportsDir.resolve(base);
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = reportsDir.resolve(base + "-" + n);
    }
    return Files.createDirectory(candidate);
  }
}

package dev.llmload.gatling;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Gatling writes its HTML report after {@code Simulation.after()}, into {@code target/gatling/<simulation>-<time>/}.
 * When the JVM exits (after that report is written) a link {@code gatling} is made in our run folder pointing at it,
 * so {@code index.html} leads to both reports.
 */
final class GatlingReportLink {

  static final String LINK_NAME = "gatling";
  private static final Path RESULTS = Path.of("target", "gatling");

  private GatlingReportLink() {}

  static void linkOnExit(Path runFolder, String simulation, OffsetDateTime startedAt) {
    ExitAfterReports.onExit(() -> link(runFolder, simulation, startedAt));
  }

  static Optional<Path> link(Path runFolder, String simulation, OffsetDateTime startedAt) {
    Optional<Path> report = newestReport(RESULTS, simulation.toLowerCase(Locale.ROOT), startedAt.toInstant().toEpochMilli() - 1_000);
    report.ifPresent(dir -> {
      try {
        Path link = runFolder.resolve(LINK_NAME);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, runFolder.toAbsolutePath().relativize(dir.toAbsolutePath()));
      } catch (IOException | UnsupportedOperationException e) {
        // no link: index.html still names target/gatling in its text
      }
    });
    return report;
  }

  static Optional<Path> newestReport(Path results, String prefix, long notBeforeMillis) {
    File[] dirs = results.toFile().listFiles(f -> f.isDirectory() && f.getName().startsWith(prefix + "-") && f.lastModified() >= notBeforeMillis);
    if (dirs == null) {
      return Optional.empty();
    }
    return Arrays.stream(dirs).max(Comparator.comparingLong(File::lastModified)).map(File::toPath);
  }
}

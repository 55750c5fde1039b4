package dev.llmload.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A run's output folder, {@code <reports>/<Simulation>-<yyyyMMdd-HHmmss>/}, and the {@code latest} link to it. */
public final class RunDirectory {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /** Creates a new run folder (adding -2, -3... when one already exists for the same second). */
  public static RunDirectory create(Path reportsDir, String simulation, LocalDateTime now) {
    String base = simulation + "-" + STAMP.format(now);
    try {
      Files.createDirectories(reportsDir);
      Path candidate = reportsDir.resolve(base);
      for (int n = 2; Files.exists(candidate); n++) {
        candidate = reportsDir.resolve(base + "-" + n);
      }
      Files.createDirectory(candidate);
      RunDirectory dir = new RunDirectory(candidate);
      dir.linkLatest();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run folder under " + reportsDir.toAbsolutePath(), e);
    }
  }

  public static RunDirectory existing(Path path) {
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException("no run folder at " + path.toAbsolutePath());
    }
    return new RunDirectory(path);
  }

  public Path path() {
    return path;
  }

  public String runId() {
    return path.getFileName().toString();
  }

  public Path file(String name) {
    return path.resolve(name);
  }

  /** Points {@code <reports>/latest} at this run; on file systems without symbolic links, does nothing. */
  private void linkLatest() throws IOException {
    Path latest = path.getParent().resolve("latest");
    Files.deleteIfExists(latest);
    try {
      Files.createSymbolicLink(latest, path.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      // Windows without developer mode: the run folder itself is still there.
    }
  }
}

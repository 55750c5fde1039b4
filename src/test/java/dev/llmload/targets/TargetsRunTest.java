package dev.llmload.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmload.report.ConsoleReporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsRunTest {

  @TempDir
  Path reports;

  @Test
  void theSentenceOfARunsErrorLineIsWhatTheConsoleReporterPrints() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ConsoleReporter(new PrintStream(out, true, StandardCharsets.UTF_8)).error("Cannot reach http://127.0.0.1:9/v1/models: refused.");
    String line = out.toString(StandardCharsets.UTF_8).strip();
    assertEquals(Optional.of("Cannot reach http://127.0.0.1:9/v1/models: refused."), TargetsRun.errorSentence(line));
    assertEquals(Optional.empty(), TargetsRun.errorSentence("[llm-loadtest] c=1 ok 3 err 0"));
  }

  @Test
  void theTargetsRunFolderIsTheNewOneNamedAfterIt() throws IOException {
    Files.createDirectories(reports.resolve("ConcurrencySweep-small-20250101-000000"));
    Set<Path> before = TargetsRun.runFolders(reports);
    Path other = Files.createDirectories(reports.resolve("ConcurrencySweep-smaller-20250102-000000"));
    Path made = Files.createDirectories(reports.resolve("ConcurrencySweep-small-20250102-000000"));
    Files.createSymbolicLink(reports.resolve("latest"), made.getFileName());
    assertEquals(Optional.of(made), TargetsRun.newRunFolder(reports, before, "small"));
    assertEquals(Optional.of(other), TargetsRun.newRunFolder(reports, before, "smaller"));
    assertEquals(Optional.empty(), TargetsRun.newRunFolder(reports, before, "gemma"));
    assertEquals(Set.of(), TargetsRun.runFolders(reports.resolve("missing")));
  }
}

package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2025, 3, 4, 5, 6, 7);

  @TempDir
  Path tmp;

  @Test
  void folderIsNamedAfterSimulationAndTimeAndReportsDirIsCreated() {
    Path reports = tmp.resolve("nested/reports");
    RunDirectory run = RunDirectory.create(reports, "ConcurrencySweep", NOW);

    assertEquals(reports.resolve("ConcurrencySweep-20250304-050607"), run.path());
    assertEquals("ConcurrencySweep-20250304-050607", run.runId());
    assertTrue(Files.isDirectory(run.path()));
    assertEquals(run.path().resolve("summary.json"), run.file("summary.json"));
  }

  @Test
  void sameSecondGetsANumberedFolder() {
    RunDirectory first = RunDirectory.create(tmp, "ConcurrencySweep", NOW);
    RunDirectory second = RunDirectory.create(tmp, "ConcurrencySweep", NOW);
    RunDirectory third = RunDirectory.create(tmp, "ConcurrencySweep", NOW);

    assertEquals("ConcurrencySweep-20250304-050607", first.runId());
    assertEquals("ConcurrencySweep-20250304-050607-2", second.runId());
    assertEquals("ConcurrencySweep-20250304-050607-3", third.runId());
  }

  @Test
  void latestIsARelativeLinkToTheNewestRun() throws IOException {
    RunDirectory first = RunDirectory.create(tmp, "ConcurrencySweep", NOW);
    Path latest = tmp.resolve("latest");
    assertEquals(Path.of(first.runId()), Files.readSymbolicLink(latest), "relative, so the reports folder can be moved");
    assertTrue(Files.isSameFile(first.path(), latest));

    RunDirectory second = RunDirectory.create(tmp, "Smoke", NOW.plusSeconds(60));
    assertEquals("Smoke-20250304-050707", second.runId());
    assertEquals(Path.of(second.runId()), Files.readSymbolicLink(latest));
    assertTrue(Files.isSameFile(second.path(), latest));
    assertTrue(Files.isDirectory(first.path()), "moving the link leaves the older run alone");
  }

  @Test
  void existingOpensAFolderAndRejectsAMissingOne() {
    RunDirectory created = RunDirectory.create(tmp, "ConcurrencySweep", NOW);
    assertEquals(created.path(), RunDirectory.existing(created.path()).path());

    Path missing = tmp.resolve("nope");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.existing(missing));
    assertEquals("no run folder at " + missing.toAbsolutePath(), e.getMessage());
  }
}

package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.compare.RunFolderException;
import dev.llmload.report.SummaryJsonWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoteBaselineTest {

  @TempDir
  Path dir;

  @Test
  void aRunsSummaryBecomesTheNamedBaselineReplacingTheOldOne() throws Exception {
    Path run = Files.createDirectories(dir.resolve("reports/run-1"));
    new SummaryJsonWriter().write(NightlySummaries.run(NightlySummaries.level(0, "c=1", 100, 50)), run.resolve("summary.json"));
    Path userFiles = dir.resolve("user-files");
    Files.createDirectories(userFiles.resolve("baselines"));
    Files.writeString(userFiles.resolve("baselines/nightly.json"), "old");

    PromoteBaseline.Promoted promoted = PromoteBaseline.promote(run, userFiles, PromoteBaseline.DEFAULT_NAME);

    assertEquals(userFiles.resolve("baselines/nightly.json"), promoted.file());
    assertFalse(promoted.partial());
    assertEquals(Files.readString(run.resolve("summary.json")), Files.readString(promoted.file()));
    assertTrue(Files.isRegularFile(PromoteBaseline.promote(run, userFiles, "weekly").file()));
  }

  @Test
  void aFolderThatIsNoFinishedRunIsOneSentence() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("reports/empty"));
    RunFolderException e = assertThrows(RunFolderException.class, () -> PromoteBaseline.promote(empty, dir, "nightly"));
    assertTrue(e.getMessage().contains("has no summary.json"), e.getMessage());
    e = assertThrows(RunFolderException.class, () -> PromoteBaseline.promote(dir.resolve("reports/nope"), dir, "nightly"));
    assertTrue(e.getMessage().startsWith("There is no summary.json or run folder at"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("baselines")));
  }

  @Test
  void aBaselineNameMustBeAPlainFileName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromoteBaseline.promote(dir, dir, "../x"));
    assertEquals("The baseline name \"../x\" is not a plain file name: use letters, digits, '.', '_' or '-', e.g. -Dname=nightly.",
        e.getMessage());
  }
}

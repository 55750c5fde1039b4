package dev.llmload.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReaderTest {

  @TempDir
  Path reports;

  @Test
  void readsTheFieldsAComparisonNeeds() throws IOException {
    Path folder = VerdictsTest.fast().writeUnder(reports);
    ComparedRun r = RunReader.read(folder);
    assertEquals("fast", r.name());
    assertEquals("fast", r.targetName());
    assertEquals("sim-fast", r.model());
    assertEquals("ConcurrencySweep", r.simulation());
    assertEquals(folder.toString(), r.folder());
    assertTrue(r.embedded());
    assertEquals("fast", r.serverPreset());
    assertEquals(128, r.maxTokens());
    assertEquals(3, r.levels().size());
    ComparedLevel c8 = r.levels().get(1);
    assertEquals(new ComparedLevel(1, "c=8", "concurrency", 8.0, 700, 1050, 700 / 128.0, 25.0, 50.0, 6.25, 1000.0, 10, 0, 0, 0.5), c8);
    assertTrue(r.sloSet());
    assertEquals(new SloPoint(1, "c=8", 700.0, 0.5), r.highestLoadWithinSlo());
    assertEquals(500, r.sloLimits().get("ttftMs").asInt());
  }

  @Test
  void absentSloAndCostAreUnknownAndANullHighestLoadIsNoneWithin() {
    ComparedRun plain = SummaryFixtures.run("plain").concurrency(1, 100, 20.0).parsed();
    assertFalse(plain.sloSet());
    assertNull(plain.highestLoadWithinSlo());
    assertNull(plain.sloLimits());
    assertNull(plain.levels().get(0).costPerMillionOutputTokensUsd());

    ComparedRun missed = SummaryFixtures.run("missed").concurrency(1, 100, 20.0).slo(-1, null).parsed();
    assertTrue(missed.sloSet());
    assertNull(missed.highestLoadWithinSlo());
  }

  @Test
  void aLevelWithoutSuccessfulRequestsHasNoLatencies() {
    ComparedLevel l = SummaryFixtures.run("x").concurrency(1, 0, null).parsed().levels().get(0);
    assertNull(l.ttftP50Ms());
    assertNull(l.e2eP99Ms());
    assertEquals(4, l.errored());
  }

  @Test
  void anUnnamedRunIsNamedByItsModelAndWhereItRan() {
    assertEquals("sim-fast (simulated, fast)", SummaryFixtures.unnamed("r1", "sim-fast", "fast").parsed().name());
    assertEquals("meta-llama/Llama-3.1-8B-Instruct @ gpu-box:8000",
        SummaryFixtures.unnamed("r2", "meta-llama/Llama-3.1-8B-Instruct", null).parsed().name());
    assertEquals("unknown model", RunReader.defaultName(null, null, false, null, null));
  }

  @Test
  void aMissingFolderIsOneSentenceNamingIt() {
    Path missing = reports.resolve("ConcurrencySweep-nope");
    RunFolderException e = assertThrows(RunFolderException.class, () -> RunReader.read(missing));
    assertTrue(e.getMessage().startsWith("There is no run folder at " + missing.toAbsolutePath().normalize() + ": "), e.getMessage());
  }

  @Test
  void aFolderWithoutSummaryNamesTheFolderAndTheWayOut() throws IOException {
    Path unfinished = Files.createDirectories(reports.resolve("ConcurrencySweep-unfinished"));
    Files.writeString(unfinished.resolve("requests.jsonl"), "");
    assertEquals("The run folder " + unfinished + " has no summary.json (its run did not finish): rebuild it first with "
        + "mvn -q compile exec:java@rebuild -Drun=" + unfinished + ".", assertThrows(RunFolderException.class, () -> RunReader.read(unfinished))
        .getMessage());

    Path other = Files.createDirectories(reports.resolve("photos"));
    assertEquals("The folder " + other + " has no summary.json: it is not a run folder (name folders that hold one).",
        assertThrows(RunFolderException.class, () -> RunReader.read(other)).getMessage());
  }

  @Test
  void anUnreadableSummaryNamesTheFolder() throws IOException {
    Path broken = Files.createDirectories(reports.resolve("broken"));
    Files.writeString(broken.resolve("summary.json"), "{\"levels\": [");
    String m = assertThrows(RunFolderException.class, () -> RunReader.read(broken)).getMessage();
    assertTrue(m.startsWith("The summary.json of " + broken + " is not valid JSON ("), m);

    Path notASummary = Files.createDirectories(reports.resolve("other"));
    Files.writeString(notASummary.resolve("summary.json"), "{\"name\": \"x\"}");
    assertEquals("The summary.json of " + notASummary + " is not a run's summary (no simulation or levels): compare the folders the suite "
        + "writes under reports/.", assertThrows(RunFolderException.class, () -> RunReader.read(notASummary)).getMessage());
  }
}

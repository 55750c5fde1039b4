package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {

  @TempDir
  Path dir;

  @Test
  void eachAppendIsOneLineAndTheEntriesReadBackInOrder() throws IOException {
    Path file = dir.resolve("sub/history.jsonl");
    for (HistoryEntry e : HistoryFixtures.threeRuns()) {
      HistoryFile.append(file, e);
    }
    assertEquals(3, Files.readAllLines(file).size(), "one line per run, the folder created");
    List<String> warnings = new ArrayList<>();
    assertEquals(HistoryFixtures.threeRuns(), HistoryFile.read(file, warnings::add));
    assertEquals(List.of(), warnings);
  }

  @Test
  void aBrokenLineIsSkippedWithAWarningAndTheNextAppendStartsOnItsOwnLine() throws IOException {
    Path file = dir.resolve("history.jsonl");
    List<HistoryEntry> runs = HistoryFixtures.threeRuns();
    HistoryFile.append(file, runs.get(0));
    // a run killed mid-write: half a line, no line break
    String half = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
    Files.writeString(file, half.substring(0, half.length() / 2), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    HistoryFile.append(file, runs.get(1));
    Files.writeString(file, "\n\n{\"runId\": null}\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    HistoryFile.append(file, runs.get(2));

    List<String> warnings = new ArrayList<>();
    assertEquals(runs, HistoryFile.read(file, warnings::add));
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("line 2 of " + file + " is not a history entry ("), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("): skipped"), warnings.get(0));
    assertTrue(warnings.get(1).startsWith("line 6 of "), "blank lines are counted, not warned about: " + warnings.get(1));
  }

  @Test
  void aMissingFileIsAnEmptyHistory() throws IOException {
    assertEquals(List.of(), HistoryFile.read(dir.resolve("none.jsonl"), w -> {
      throw new AssertionError(w);
    }));
  }

  @Test
  void aLineWithFieldsOfALaterVersionIsStillRead() throws IOException {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(file, "{\"runId\":\"r\",\"startedAt\":\"t\",\"simulation\":\"S\",\"levels\":[],\"newField\":1}\n");
    assertEquals(List.of(new HistoryEntry("r", "t", "S", null, null, List.of(), null, null)), HistoryFile.read(file, w -> {
      throw new AssertionError(w);
    }));
  }
}

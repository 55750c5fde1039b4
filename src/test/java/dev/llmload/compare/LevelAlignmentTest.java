package dev.llmload.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelAlignmentTest {

  @Test
  void concurrencyLevelsAreMatchedByLoadInIncreasingOrder() {
    ComparedRun a = SummaryFixtures.run("a").concurrency(1, 10, 1.0).concurrency(8, 80, 1.0).concurrency(32, 320, 1.0).parsed();
    ComparedRun b = SummaryFixtures.run("b").concurrency(1, 10, 1.0).concurrency(4, 40, 1.0).concurrency(8, 80, 1.0).parsed();
    LevelAlignment alignment = LevelAlignment.of(List.of(a, b));
    assertEquals("concurrency", alignment.by());
    assertEquals("concurrency", alignment.loadTitle());
    assertEquals(List.of("c=1", "c=4", "c=8", "c=32"), alignment.levels().stream().map(AlignedLevel::label).toList());
    assertEquals(List.of(1.0, 4.0, 8.0, 32.0), alignment.levels().stream().map(AlignedLevel::load).toList());
    assertEquals(Arrays.asList(0, 0), alignment.levels().get(0).levels());
    assertEquals(Arrays.asList(null, 1), alignment.levels().get(1).levels(), "a has no c=4");
    assertEquals(Arrays.asList(1, 2), alignment.levels().get(2).levels());
    assertEquals(Arrays.asList(2, null), alignment.levels().get(3).levels());
    assertFalse(LevelAlignment.kindsDiffer(List.of(a, b)));
  }

  @Test
  void rateLevelsAreMatchedByRate() {
    ComparedRun a = SummaryFixtures.run("a").rate(5, "5/s", 500, 20.0).rate(0.5, "0.5/s", 50, 20.0).parsed();
    ComparedRun b = SummaryFixtures.run("b").rate(0.5, "0.5/s", 50, 20.0).parsed();
    LevelAlignment alignment = LevelAlignment.of(List.of(a, b));
    assertEquals("rate", alignment.by());
    assertEquals("request rate (requests/s)", alignment.loadTitle());
    assertEquals(List.of("0.5/s", "5/s"), alignment.levels().stream().map(AlignedLevel::label).toList());
    assertEquals(Arrays.asList(1, 0), alignment.levels().get(0).levels());
  }

  @Test
  void levelsOfDifferentKindsAreMatchedByLabelOnly() {
    ComparedRun closed = SummaryFixtures.run("closed").concurrency(1, 10, 1.0).concurrency(8, 80, 1.0).parsed();
    ComparedRun open = SummaryFixtures.run("open").rate(5, "5/s", 500, 20.0).level("c=1", "concurrency", 1.0, null, 10, 1.0, null).parsed();
    LevelAlignment alignment = LevelAlignment.of(List.of(closed, open));
    assertEquals("label", alignment.by());
    assertEquals("level", alignment.loadTitle());
    assertEquals(List.of("c=1", "c=8", "5/s"), alignment.levels().stream().map(AlignedLevel::label).toList());
    assertEquals(Arrays.asList(0, 1), alignment.levels().get(0).levels());
    assertTrue(LevelAlignment.kindsDiffer(List.of(closed, open)));
  }
}

package dev.llmload.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  private static final String NOW = "2025-03-04T05:06:07Z";

  @Test
  void runsOfTheSameNameAreToldApartByTheirFolders() {
    ComparedRun a = SummaryFixtures.unnamed("ConcurrencySweep-20250101-000000", "sim-fast", "fast").concurrency(1, 10, 1.0).parsed();
    ComparedRun b = SummaryFixtures.unnamed("ConcurrencySweep-20250102-000000", "sim-fast", "fast").concurrency(1, 12, 1.0).parsed();
    ComparedRun c = SummaryFixtures.run("other").concurrency(1, 11, 1.0).parsed();
    Comparison comparison = Comparison.of(List.of(a, b, c), List.of(), NOW);
    assertEquals(List.of("sim-fast (simulated, fast) [ConcurrencySweep-20250101-000000]",
        "sim-fast (simulated, fast) [ConcurrencySweep-20250102-000000]", "other"), comparison.runs().stream().map(ComparedRun::name).toList());
    assertEquals("sim-fast (simulated, fast) [ConcurrencySweep-20250102-000000]", comparison.verdicts().get(0).winner());
  }

  @Test
  void likeRunsHaveNoNotes() {
    Comparison c = Comparison.of(List.of(VerdictsTest.fast().parsed(), VerdictsTest.slow().parsed()), List.of(), NOW);
    assertEquals(List.of(), c.notes());
    assertEquals("concurrency", c.alignedBy());
    assertEquals(Comparison.SCHEMA_VERSION, c.schemaVersion());
  }

  @Test
  void notesSayWhatMakesTheRunsUnlike() {
    ComparedRun closed = SummaryFixtures.run("closed").concurrency(1, 10, 1.0).slo(0, null).parsed();
    ComparedRun open = SummaryFixtures.run("open").simulation("ConstantRate").maxTokens(256).rate(5, "5/s", 500, 20.0).slo(0, null)
        .sloLimitTtftMs(200).partial("stopped by Ctrl-C").parsed();
    List<String> notes = Comparison.of(List.of(closed, open), List.of(new FailedTarget("down", "Cannot reach http://127.0.0.1:9/v1/models.")),
        NOW).notes();
    assertEquals("down did not run: Cannot reach http://127.0.0.1:9/v1/models.", notes.get(0));
    assertEquals("The runs' levels are of different kinds (closed: concurrency, open: rate): a concurrency is not a rate, so levels are "
        + "matched by their labels only, and the curves and the table set unlike loads side by side.", notes.get(1));
    assertEquals("The runs are of different simulations (ConcurrencySweep, ConstantRate): their workloads differ.", notes.get(2));
    assertEquals("The runs asked for different outputs (closed: max_tokens 128 with ignore_eos, open: max_tokens 256 with ignore_eos): "
        + "tokens/s and latencies are not like for like.", notes.get(3));
    assertTrue(notes.get(4).startsWith("The runs were judged by different SLO limits (closed: {\"ttftMs\":500}, open: {\"ttftMs\":200})"),
        notes.get(4));
    assertEquals("open is a partial run: stopped by Ctrl-C", notes.get(5));
    assertEquals(6, notes.size());
  }
}

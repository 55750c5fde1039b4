package dev.llmload.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientEfficiencyFiguresTest {

  private static final long ANCHOR = 1_000_000_000L;
  private static final double TOLERANCE_MS = 0.002;

  /** A successful request whose chunks the client stamped at these run-clock microseconds. */
  private static RequestRecord record(String id, int level, long... chunkMicros) {
    return new RequestRecord(id, level, false, 1, -1, 0, 0, -1, 0, chunkMicros, chunkMicros[chunkMicros.length - 1] + 10, Outcome.SUCCESSFUL,
        null, null, 10, chunkMicros.length, "length", 200, 0, null, "http://127.0.0.1/v1", Map.of(), -1, -1, -1);
  }

  /** Server nanos of a run-clock microsecond. */
  private static long server(long micros) {
    return ANCHOR + micros * 1_000;
  }

  private static ProcessCpu cpu() {
    // 1 ms of CPU per ms of run: 100% of a core from the run clock's 0 to 10 s
    return ProcessCpu.of(List.of(new ProcessCpu.Sample(ANCHOR, 0, 0, 0, 0, Map.of()),
        new ProcessCpu.Sample(ANCHOR + 10_000_000_000L, 10_000_000_000L, 2, 10, 5, Map.of())));
  }

  @Test
  void addedTimesAreClientStampsMinusTheServersWritesOfTheSameChunks() {
    // client 0.5 ms after the server on the first chunk; second gap 0.3 ms longer than the server's
    RequestRecord r = record("a", 0, 1_500, 11_500, 21_800);
    ClientEfficiencyFigures.Run run = ClientEfficiencyFigures.compare(List.of(r), ANCHOR,
        Map.of("a", new long[] {server(1_000), server(11_000), server(21_000)}), i -> 100, 0, cpu(), 0, 0);
    ClientEfficiencyFigures.Level level = run.levels().get(0);
    assertEquals(0, run.clockOffsetNanos());
    assertEquals(0.5, level.ttftAddedMs().p50(), TOLERANCE_MS);
    assertEquals(0.3, level.itlAddedMs().max(), TOLERANCE_MS);
    assertEquals(0.0, level.itlAddedMs().p50(), TOLERANCE_MS);
    assertEquals(3, level.chunks());
    assertTrue(level.withinErrorTarget());
  }

  @Test
  void clocksThatDoNotCompareAreAlignedByTheSmallestOffset() {
    // the client "saw" the first chunk 3 ms before the server wrote it: not the same clock
    RequestRecord r = record("a", 0, 1_000, 11_000);
    ClientEfficiencyFigures.Run run = ClientEfficiencyFigures.compare(List.of(r), ANCHOR,
        Map.of("a", new long[] {server(4_000), server(14_000)}), i -> 100, 0, cpu(), 0, 0);
    assertEquals(3_000_000, run.clockOffsetNanos());
    assertEquals(0.0, run.levels().get(0).ttftAddedMs().max(), TOLERANCE_MS);
    assertTrue(run.markdown("ctx").contains("NOT directly comparable"));
  }

  @Test
  void theWarmUpLevelIsReportedApartAndNeverCountsForTheTarget() {
    List<RequestRecord> records = List.of(record("w", 0, 1_000, 11_000), record("m", 1, 2_001_000, 2_011_000));
    ClientEfficiencyFigures.Run run = ClientEfficiencyFigures.compare(records, ANCHOR,
        Map.of("w", new long[] {server(1_000), server(11_000)}, "m", new long[] {server(2_001_000), server(2_011_000)}),
        i -> i == 0 ? 200 : 50, 1, cpu(), 0, 0);
    assertTrue(run.levels().get(0).warmUp());
    assertFalse(run.levels().get(0).withinErrorTarget());
    assertEquals(50, run.mostStreamsWithinTarget());
    assertEquals(2, run.steadyChunks());
    // 10 ms of run between the two measured chunks at a full core: 10 ms CPU for 2 tokens
    assertEquals(5_000.0, run.steadyCpuMsPer1000Tokens(), 1.0);
    assertTrue(run.markdown("ctx").contains("| 200 (JIT warm-up) |"));
  }

  @Test
  void aRequestTheServerDidNotCompleteAlikeIsCountedUnmatched() {
    List<RequestRecord> records = List.of(record("a", 0, 1_000, 11_000), record("b", 0, 1_000, 11_000));
    ClientEfficiencyFigures.Run run = ClientEfficiencyFigures.compare(records, ANCHOR,
        Map.of("a", new long[] {server(1_000), server(11_000)}, "b", new long[] {server(1_000)}), i -> 100, 0, cpu(), 0, 0);
    assertEquals(1, run.levels().get(0).requests());
    assertEquals(1, run.levels().get(0).mismatched());
  }
}

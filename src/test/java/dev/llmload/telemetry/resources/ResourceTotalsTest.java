package dev.llmload.telemetry.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ResourceTotals} on fixed snapshots: exact numbers, and null (never 0) for what the window cannot give. */
class ResourceTotalsTest {

  private static final double EXACT = 1e-9;

  private static GpuSample gpu(int index, double usedMiB, Double util) {
    return new GpuSample(index, "GPU", usedMiB, 80_000, util, 300.0);
  }

  private static final List<ResourceSnapshot> RUN = List.of(
      new ResourceSnapshot(0, 1_000L, List.of(gpu(0, 10_000, 10.0), gpu(1, 9_000, 30.0)), 5_000.0),
      new ResourceSnapshot(1_000, 4_000L, List.of(gpu(0, 30_000, 80.0), gpu(1, 20_000, null)), 5_300.0),
      new ResourceSnapshot(2_000, null, List.of(), null),
      new ResourceSnapshot(3_000, 3_000L, List.of(gpu(0, 40_000, 90.0), gpu(1, 15_000, 70.0)), 5_750.5),
      new ResourceSnapshot(4_000, 9_000L, List.of(gpu(0, 79_000, 100.0), gpu(1, 79_000, 100.0)), 9_000.0));

  @Test
  void peaksMeansAndEnergyOfAWindow() {
    ResourceTotals t = ResourceTotals.over(RUN, 1_000, 3_000);
    assertEquals(3, t.snapshots());
    assertEquals(4_000L, t.peakServerRssBytes());
    // 30000 + 20000 at 1000 against 40000 + 15000 at 3000
    assertEquals(55_000.0, t.peakGpuMemoryUsedMiB(), EXACT);
    // 80, 90, 70: the reading without utilisation does not count
    assertEquals(80.0, t.meanGpuUtilizationPercent(), EXACT);
    assertEquals(450.5, t.energyJoules(), EXACT);
  }

  @Test
  void theWholeRun() {
    ResourceTotals t = ResourceTotals.over(RUN, Long.MIN_VALUE, Long.MAX_VALUE);
    assertEquals(new ResourceTotals(5, 9_000L, 158_000.0, (10 + 30 + 80 + 90 + 70 + 100 + 100) / 7.0, 4_000.0), t);
  }

  @Test
  void whatTheWindowCannotGiveIsNull() {
    assertEquals(new ResourceTotals(0, null, null, null, null), ResourceTotals.over(RUN, 5_000, 6_000));
    // one energy reading is no energy used
    ResourceTotals one = ResourceTotals.over(RUN, 0, 0);
    assertNull(one.energyJoules());
    assertEquals(1_000L, one.peakServerRssBytes());
    assertEquals(new ResourceTotals(1, null, null, null, null), ResourceTotals.over(RUN, 2_000, 2_000));
    // a counter that went back (exporter or GPU reset) gives no energy rather than a wrong one
    List<ResourceSnapshot> reset = List.of(new ResourceSnapshot(0, null, List.of(), 900.0),
        new ResourceSnapshot(1, null, List.of(), 100.0));
    assertNull(ResourceTotals.over(reset, 0, 1).energyJoules());
  }

  @Test
  void joulesPerOutputToken() {
    assertEquals(0.25, ResourceTotals.joulesPerOutputToken(450.5 - 200.5, 1_000), EXACT);
    assertNull(ResourceTotals.joulesPerOutputToken(null, 1_000));
    assertNull(ResourceTotals.joulesPerOutputToken(250.0, 0), "no token, no energy per token");
  }

  @Test
  void refusesABackwardsWindow() {
    assertEquals("toNanos must be at least fromNanos (10), was 9",
        assertThrows(IllegalArgumentException.class, () -> ResourceTotals.over(RUN, 10, 9)).getMessage());
  }
}

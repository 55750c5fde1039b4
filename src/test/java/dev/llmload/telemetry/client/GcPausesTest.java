package dev.llmload.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GcPausesTest {

  private static final long MS = 1_000_000;

  @Test
  void pauseCollectorsCountAndConcurrentCyclesDoNot() {
    for (String pause : new String[] {"G1 Young Generation", "G1 Old Generation", "G1 Concurrent GC", "ZGC Pauses",
        "ZGC Minor Pauses", "ZGC Major Pauses", "Shenandoah Pauses", "PS Scavenge", "PS MarkSweep", "Copy",
        "MarkSweepCompact"}) {
      assertTrue(GcPauses.isPause(pause), pause);
    }
    for (String cycle : new String[] {"ZGC Cycles", "ZGC Minor Cycles", "ZGC Major Cycles", "Shenandoah Cycles"}) {
      assertFalse(GcPauses.isPause(cycle), cycle);
    }
  }

  @Test
  void aWindowCountsThePausesThatEndedInIt() {
    long base = 1_000 * MS;
    GcPauses pauses = new GcPauses(10, base, 0);
    pauses.record(100, 5);
    pauses.record(200, 30);
    pauses.record(300, 10);
    GcPauses.Pauses p = pauses.pausesBetween(base + 150 * MS, base + 300 * MS);
    assertEquals(new GcPauses.Pauses(1, 30.0, 30.0), p, "the end is inclusive at the start, exclusive at the end");
    assertEquals(new GcPauses.Pauses(3, 45.0, 30.0), pauses.pausesBetween(base, base + 301 * MS));
    assertEquals(new GcPauses.Pauses(0, 0.0, 0.0), pauses.pausesBetween(base + 400 * MS, base + 500 * MS));
  }

  @Test
  void onlyTheNewestPausesAreKept() {
    GcPauses pauses = new GcPauses(3, 0, 0);
    for (int i = 1; i <= 5; i++) {
      pauses.record(i * 10L, i);
    }
    assertEquals(new GcPauses.Pauses(3, 12.0, 5.0), pauses.pausesBetween(0, 100 * MS));
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GcPauses(0, 0, 0));
    assertEquals("capacity must be at least 1, was 0", e.getMessage());
  }

  @Test
  void aRealCollectionIsHeardOnTheNanoTimeAxis() {
    try (GcPauses pauses = GcPauses.listening(100)) {
      long before = System.nanoTime();
      System.gc();
      long after = System.nanoTime();
      // The JVM delivers GC notifications on its own thread, later: wait for it, bounded.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      GcPauses.Pauses heard = pauses.pausesBetween(before - 50 * MS, System.nanoTime() + 50 * MS);
      while (heard.count() == 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(5 * MS);
        heard = pauses.pausesBetween(before - 50 * MS, System.nanoTime() + 50 * MS);
      }
      boolean collectorTimesPauses = ManagementFactory.getGarbageCollectorMXBeans().stream()
          .anyMatch(gc -> GcPauses.isPause(gc.getName()));
      if (collectorTimesPauses) {
        assertTrue(heard.count() >= 1, "System.gc() paused the JVM and was heard");
        assertTrue(pauses.pausesBetween(before - 2 * MS, after + 2 * MS).count() >= 1,
            "its end placed within 2 ms of when System.gc() returned");
      }
    }
  }
}

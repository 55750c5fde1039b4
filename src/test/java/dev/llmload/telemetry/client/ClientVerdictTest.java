package dev.llmload.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientVerdictTest {

  private static final ClientLimits LIMITS = new ClientLimits(0.9, 5, 0.05, 100, 10);

  /** A healthy 10 s window on 2 cores: 0.5 cores, loop p99 1 ms, one 20 ms GC pause. */
  private static ClientWindow healthy() {
    return new ClientWindow(0.5, 0.8, 2, 0.2, 1.0, 3.0, 1, 20, 20, 0.5, 10_000);
  }

  private static ClientWindow with(double cpuCores, Double loopP99, double gcTotalMs, double gcMaxMs,
      Double wakeP99) {
    return new ClientWindow(cpuCores, 0.8, 2, loopP99 == null ? null : 0.2, loopP99,
        loopP99 == null ? null : loopP99 + 1, gcTotalMs > 0 ? 1 : 0, gcTotalMs, gcMaxMs, wakeP99, 10_000);
  }

  @Test
  void aHealthyWindowIsValidWithNoReasons() {
    ClientVerdict.Verdict v = ClientVerdict.judge(healthy(), 2.0, LIMITS);
    assertFalse(v.clientBound());
    assertEquals(List.of(), v.reasons());
  }

  @Test
  void cpuAboveItsShareAloneFlagsTheWindow() {
    ClientVerdict.Verdict v = ClientVerdict.judge(with(1.94, 1.0, 0, 0, 0.1), null, LIMITS);
    assertTrue(v.clientBound());
    assertEquals(List.of("client CPU 1.94 of 2 cores (97 %, limit 90 %)"), v.reasons());
  }

  @Test
  void cpuAtItsLimitIsStillValid() {
    assertFalse(ClientVerdict.judge(with(1.8, 1.0, 0, 0, 0.1), null, LIMITS).clientBound());
  }

  @Test
  void loopDelayAboveItsLimitAloneFlagsTheWindow() {
    ClientVerdict.Verdict v = ClientVerdict.judge(with(0.5, 23.4, 0, 0, 0.1), null, LIMITS);
    assertEquals(List.of("event-loop delay p99 23.4 ms (limit 5 ms)"), v.reasons());
    assertFalse(ClientVerdict.judge(with(0.5, 5.0, 0, 0, 0.1), null, LIMITS).clientBound());
  }

  @Test
  void wakeLatenessStandsInOnlyWhenNoLoopWasProbed() {
    ClientVerdict.Verdict alone = ClientVerdict.judge(with(0.5, null, 0, 0, 12.0), null, LIMITS);
    assertEquals(List.of("probe thread woke p99 12.0 ms late (limit 5 ms; no event loop probed)"), alone.reasons());
    assertFalse(ClientVerdict.judge(with(0.5, 1.0, 0, 0, 12.0), null, LIMITS).clientBound(),
        "a probed loop that kept up outweighs the probe thread's own lateness");
  }

  @Test
  void gcPauseShareAboveItsLimitAloneFlagsTheWindow() {
    ClientVerdict.Verdict v = ClientVerdict.judge(with(0.5, 1.0, 700, 90, 0.1), null, LIMITS);
    assertEquals(List.of("GC pauses 700 ms of 10.0 s (7.0 %, limit 5 %)"), v.reasons());
    assertFalse(ClientVerdict.judge(with(0.5, 1.0, 500, 90, 0.1), null, LIMITS).clientBound());
  }

  @Test
  void oneLongGcPauseAloneFlagsTheWindow() {
    ClientVerdict.Verdict v = ClientVerdict.judge(with(0.5, 1.0, 150, 150, 0.1), null, LIMITS);
    assertEquals(List.of("longest GC pause 150 ms (limit 100 ms)"), v.reasons());
    assertFalse(ClientVerdict.judge(with(0.5, 1.0, 100, 100, 0.1), null, LIMITS).clientBound());
  }

  @Test
  void sendLagAboveItsLimitAloneFlagsTheWindow() {
    ClientVerdict.Verdict v = ClientVerdict.judge(healthy(), 35.2, LIMITS);
    assertEquals(List.of("send lag p99 35.2 ms (limit 10 ms)"), v.reasons());
    assertFalse(ClientVerdict.judge(healthy(), 10.0, LIMITS).clientBound());
  }

  @Test
  void severalLimitsPassedGiveOneReasonEachInAFixedOrder() {
    ClientVerdict.Verdict v = ClientVerdict.judge(with(1.94, 23.4, 700, 150, 30.0), 35.2, LIMITS);
    assertTrue(v.clientBound());
    assertEquals(List.of(
        "client CPU 1.94 of 2 cores (97 %, limit 90 %)",
        "event-loop delay p99 23.4 ms (limit 5 ms)",
        "GC pauses 700 ms of 10.0 s (7.0 %, limit 5 %)",
        "longest GC pause 150 ms (limit 100 ms)",
        "send lag p99 35.2 ms (limit 10 ms)"), v.reasons());
  }

  @Test
  void missingSignalsAreNotJudged() {
    ClientWindow nothingProbed = new ClientWindow(0.1, null, 4, null, null, null, 0, 0, 0, null, 1000);
    ClientVerdict.Verdict v = ClientVerdict.judge(nothingProbed, null, LIMITS);
    assertFalse(v.clientBound());
    assertEquals(List.of(), v.reasons());
  }

  @Test
  void limitsWithDecimalsAreWrittenAsGiven() {
    ClientLimits tight = new ClientLimits(0.755, 2.5, 0.05, 100, 0.5);
    ClientVerdict.Verdict v = ClientVerdict.judge(with(1.6, 3.0, 0, 0, 0.1), 0.75, tight);
    assertEquals(List.of("client CPU 1.60 of 2 cores (80 %, limit 75.5 %)", "event-loop delay p99 3.0 ms (limit 2.5 ms)",
        "send lag p99 0.8 ms (limit 0.5 ms)"), v.reasons());
  }

  @Test
  void limitsOutsideTheirRangeAreRefusedWithTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClientLimits(1.5, 5, 0.05, 100, 10));
    assertEquals("maxCpuShare must be more than 0 and at most 1, was 1.5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ClientLimits(0.9, 0, 0.05, 100, 10));
    assertThrows(IllegalArgumentException.class, () -> new ClientLimits(0.9, 5, 0, 100, 10));
    assertThrows(IllegalArgumentException.class, () -> new ClientLimits(0.9, 5, 0.05, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> new ClientLimits(0.9, 5, 0.05, 100, Double.NaN));
  }

  @Test
  void aVerdictCannotContradictItsReasons() {
    assertThrows(IllegalArgumentException.class, () -> new ClientVerdict.Verdict(true, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ClientVerdict.Verdict(false, List.of("x")));
  }
}

package dev.llmload.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ClientProbeTest {

  private static final long MS = 1_000_000;
  private static final GcPauses.Pauses NO_GC = new GcPauses.Pauses(0, 0, 0);

  private static byte[] delays(long micros, int count) {
    Histogram h = new Histogram(2);
    h.recordValueWithCount(micros, count);
    return ClientProbe.compress(h);
  }

  private static ClientProbe.Slot slot(long startMs, long endMs, double cores, Double processCores, byte[] loop,
      long waitingMicros) {
    ClientSample s = new ClientSample(startMs * MS, endMs * MS, cores, processCores, 2, 0, null, null, null, 0, 0);
    return new ClientProbe.Slot(s, loop, null, waitingMicros);
  }

  @Test
  void cpuIsProratedAndDelaysComeFromTheSamplesMostlyInside() {
    List<ClientProbe.Slot> slots = List.of(
        slot(0, 200, 1.0, 1.5, delays(1_000, 10), 0),
        slot(200, 400, 0.0, 0.5, delays(50_000, 10), 0));
    ClientWindow w = ClientProbe.window(slots, 150 * MS, 400 * MS, new GcPauses.Pauses(1, 12, 12), 2, 20_000)
        .orElseThrow();
    assertEquals(0.2, w.cpuCoresUsed(), 1e-9, "1 core for 50 ms, none for 200 ms");
    assertEquals(0.7, w.processCpuCoresUsed(), 1e-9);
    assertEquals(50.0, w.loopDelayP50Ms(), 0.5, "the first sample is mostly outside: its delays are not counted");
    assertEquals(250.0, w.windowMs(), 1e-9);
    assertEquals(1, w.gcPauses());
    assertEquals(12.0, w.gcPauseMaxMs());
    assertNull(w.wakeLatenessP99Ms());

    ClientWindow both = ClientProbe.window(slots, 0, 400 * MS, NO_GC, 2, 20_000).orElseThrow();
    assertEquals(1.0, both.loopDelayP50Ms(), 0.05);
    assertEquals(50.0, both.loopDelayP99Ms(), 0.5);
  }

  @Test
  void aWindowNoSampleCoversIsEmpty() {
    List<ClientProbe.Slot> slots = List.of(slot(0, 200, 1.0, 1.5, null, 0));
    assertEquals(Optional.empty(), ClientProbe.window(slots, 200 * MS, 300 * MS, NO_GC, 2, 20_000));
    assertEquals(Optional.empty(), ClientProbe.window(List.of(), 0, 300 * MS, NO_GC, 2, 20_000));
  }

  @Test
  void aLoopStuckForTheWholeWindowShowsHowLongItHasWaited() {
    List<ClientProbe.Slot> slots = List.of(
        slot(0, 200, 0.1, null, null, 150_000),
        slot(200, 400, 0.1, null, null, 350_000));
    ClientWindow w = ClientProbe.window(slots, 0, 400 * MS, NO_GC, 2, 20_000).orElseThrow();
    assertTrue(w.loopDelayP99Ms() >= 330, "p99 " + w.loopDelayP99Ms());
    assertEquals(350.0, w.loopDelayMaxMs(), 3.5);
    assertNull(w.processCpuCoresUsed(), "unknown in one sample, unknown for the window");
  }

  @Test
  void aWindowWithNoLoopProbedHasNoLoopDelay() {
    ClientWindow w = ClientProbe.window(List.of(slot(0, 200, 0.1, 0.2, null, 0)), 0, 200 * MS, NO_GC, 2, 20_000)
        .orElseThrow();
    assertNull(w.loopDelayP50Ms());
    assertNull(w.loopDelayP99Ms());
    assertNull(w.loopDelayMaxMs());
  }

  @Test
  void aRunningProbeKeepsSamplesAndAnswersWindows() throws InterruptedException {
    DefaultEventLoop loop = new DefaultEventLoop();
    ClientProbe.Settings settings = new ClientProbe.Settings(Duration.ofMillis(5), Duration.ofMillis(50),
        Duration.ofMinutes(1), ClientCpu.SIMULATED_SERVER_THREADS);
    long before = System.nanoTime();
    try (ClientProbe probe = ClientProbe.start(settings)) {
      probe.register(loop);
      probe.register(loop);
      assertEquals(1, probe.eventLoopCount());
      assertEquals(Optional.empty(), probe.window(before - 2000 * MS, before - 1000 * MS), "before the probe");
      probe.sampleNow();
      probe.sampleNow();
      long end = System.nanoTime();
      ClientWindow w = probe.window(before, end).orElseThrow();
      assertTrue(w.cpuCoresUsed() >= 0 && w.availableCores() == Runtime.getRuntime().availableProcessors());
      List<ClientSample> samples = probe.samples();
      assertTrue(samples.size() >= 1);
      for (int i = 1; i < samples.size(); i++) {
        assertEquals(samples.get(i - 1).endNanos(), samples.get(i).startNanos(), "samples tile the time");
      }
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void settingsOutsideTheirRangeAreRefusedWithTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientProbe.Settings(
        Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofHours(1), List.of()));
    assertEquals("samplePeriod must be at least the probe period (20 ms), was 10 ms", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ClientProbe.Settings(Duration.ZERO, Duration.ofMillis(10),
        Duration.ofHours(1), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ClientProbe.Settings(Duration.ofMillis(20),
        Duration.ofMillis(200), Duration.ofMillis(100), List.of()));
    assertEquals(72_000, ClientProbe.Settings.DEFAULTS.maxSamples());
  }
}

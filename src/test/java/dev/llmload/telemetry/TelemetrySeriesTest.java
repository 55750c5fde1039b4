package dev.llmload.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmload.telemetry.client.ClientSample;
import dev.llmload.telemetry.resources.GpuSample;
import dev.llmload.telemetry.resources.ResourceSnapshot;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetrySeriesTest {

  private static final long ANCHOR = 5_000_000_000L;

  private static ServerSnapshot server(double seconds, double running, double waiting, double kv) {
    return new ServerSnapshot(ANCHOR + (long) (seconds * 1e9), ServerKind.VLLM, running, waiting, kv, null, null, null, null, null, null,
        null, null, null);
  }

  @Test
  void eachBucketHoldsTheMeanOfItsSamplesReplicasSummedAndNullWhereNoneFell() {
    List<ServerSnapshot> a = List.of(server(-0.5, 9, 9, 0.9), server(0.2, 2, 0, 0.1), server(0.7, 4, 2, 0.3), server(2.5, 6, 1, 0.5));
    List<ServerSnapshot> b = List.of(server(0.5, 1, 1, 0.6));

    TelemetrySummary.Series s = TelemetrySeries.of(List.of(a, b), List.of(), List.of(), ANCHOR, 1.0, 3.0);

    assertEquals(Arrays.asList(4.0, null, 6.0), s.running(), "(2 + 4) / 2 + 1; nothing in [1, 2); before the anchor left out");
    assertEquals(Arrays.asList(2.0, null, 1.0), s.waiting());
    assertEquals(Arrays.asList(60.0, null, 50.0), s.kvCachePercent(), "the fullest replica");
    assertNull(s.serverRssMiB(), "nothing measured it");
    assertNull(s.clientCpuCores());
  }

  @Test
  void resourcesAndTheClientGoOnTheSameBuckets() {
    List<ResourceSnapshot> resources = List.of(new ResourceSnapshot(ANCHOR + 100_000_000L, 512L * 1_048_576, List.of(
        new GpuSample(0, "L4", 1000, 24000, 50.0, 70.0), new GpuSample(1, "L4", 3000, 24000, 70.0, 72.0)), null));
    List<ClientSample> client = List.of(
        new ClientSample(ANCHOR, ANCHOR + 200_000_000L, 0.5, null, 2, 10, 1.0, 2.0, null, 0, 0),
        new ClientSample(ANCHOR + 200_000_000L, ANCHOR + 400_000_000L, 0.7, null, 2, 10, 1.0, 7.5, null, 0, 0));

    TelemetrySummary.Series s = TelemetrySeries.of(List.of(), resources, client, ANCHOR, 0.5, 1.0);

    assertNull(s.running());
    assertEquals(Arrays.asList(512.0, null), s.serverRssMiB());
    assertEquals(Arrays.asList(4000.0, null), s.gpuMemoryMiB());
    assertEquals(Arrays.asList(60.0, null), s.gpuUtilizationPercent());
    assertEquals(Arrays.asList(0.6, null), s.clientCpuCores());
    assertEquals(Arrays.asList(7.5, null), s.loopDelayMaxMs(), "the longest delay of the bucket");
  }
}

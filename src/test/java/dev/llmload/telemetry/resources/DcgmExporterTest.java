package dev.llmload.telemetry.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DcgmExporter} against a stand-in exporter on 127.0.0.1 serving our fixture (energy rising by 5 J a GPU on
 * every scrape), a 404 and a refused connection; and its small reading of the text format on fixed lines.
 */
@Timeout(30)
class DcgmExporterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final double EXACT = 1e-9;
  private static final GpuSample GPU0 = new GpuSample(0, "NVIDIA A100-SXM4-80GB", 72989, 72989 + 8191, 87.0, 312.547);
  private static final GpuSample GPU1 = new GpuSample(1, "NVIDIA A100-SXM4-80GB", 70000, 70000 + 11180, 91.0, 298.5);

  @Test
  void readsEveryGpuAndTheEnergyInJoulesWhichRisesBetweenScrapes() throws Exception {
    try (StandIns.Exporter exporter = new StandIns.Exporter()) {
      DcgmExporter dcgm = new DcgmExporter(exporter.metrics(), TIMEOUT);
      DcgmReading first = dcgm.scrape();
      assertEquals(List.of(GPU0, GPU1), first.gpus());
      // (123456789 + 98765432) mJ
      assertEquals(222_222.221, first.energyJoules(), EXACT);
      DcgmReading second = dcgm.scrape();
      // each GPU's counter 5000 mJ higher
      assertEquals(10.0, second.energyJoules() - first.energyJoules(), 1e-6);
      assertEquals(2, exporter.scrapes.get());
    }
  }

  @Test
  void anAddressWithoutAPathIsGivenMetrics() throws Exception {
    try (StandIns.Exporter exporter = new StandIns.Exporter()) {
      DcgmExporter dcgm = new DcgmExporter(exporter.base(), TIMEOUT);
      assertEquals(exporter.metrics(), dcgm.url());
      assertEquals(List.of(GPU0, GPU1), dcgm.scrape().gpus());
    }
    assertEquals(URI.create("http://gpu-node-1:9400/metrics"), DcgmExporter.defaultUrl("gpu-node-1"));
  }

  @Test
  void a404IsOneSentence() throws Exception {
    try (StandIns.Exporter exporter = new StandIns.Exporter()) {
      URI wrong = exporter.base().resolve("/stats");
      ResourceException e = assertThrows(ResourceException.class, () -> new DcgmExporter(wrong, TIMEOUT).scrape());
      assertEquals("the DCGM exporter at " + wrong + " answered HTTP 404 instead of its metrics: check the address"
          + " (dcgm-exporter serves /metrics on port 9400)", e.getMessage());
    }
  }

  @Test
  void aRefusedConnectionIsOneSentence() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + StandIns.refusedPort() + "/metrics");
    ResourceException e = assertThrows(ResourceException.class, () -> new DcgmExporter(closed, TIMEOUT).scrape());
    assertEquals("the DCGM exporter at " + closed + " refused the connection: start dcgm-exporter there or correct its"
        + " address", e.getMessage());
  }

  @Test
  void readsOnlyTheSampleLinesItNeeds() {
    DcgmReading r = DcgmExporter.parse(String.join("\n",
        "# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).",
        "# TYPE DCGM_FI_DEV_FB_USED gauge",
        "DCGM_FI_DEV_FB_USED{gpu=\"2\", UUID=\"GPU-a\", modelName=\"Tesla \\\"T4\\\"\"} 100",
        "DCGM_FI_DEV_FB_FREE{gpu=\"2\", UUID=\"GPU-a\"} 15260 1700000000000",
        "DCGM_FI_DEV_GPU_UTIL{gpu=\"2\"} 0",
        "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"2\"} 1500",
        // a GPU without its free memory is not listed, its energy still counts
        "DCGM_FI_DEV_FB_USED{gpu=\"3\"} 1",
        "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"3\"} 500",
        // no gpu label, a broken line, an unknown name: skipped
        "DCGM_FI_DEV_FB_USED 7",
        "DCGM_FI_DEV_FB_USED{gpu=\"4\" 7",
        "DCGM_FI_DEV_SM_CLOCK{gpu=\"2\"} 1590",
        ""));
    assertEquals(List.of(new GpuSample(2, "Tesla \"T4\"", 100, 15360, 0.0, null)), r.gpus());
    assertEquals(2.0, r.energyJoules(), EXACT);
  }

  @Test
  void withoutEnergyTheEnergyIsNull() {
    DcgmReading r = DcgmExporter.parse("DCGM_FI_DEV_FB_USED{gpu=\"0\"} 1\nDCGM_FI_DEV_FB_FREE{gpu=\"0\"} 2\n");
    assertEquals(List.of(new GpuSample(0, "", 1, 3, null, null)), r.gpus());
    assertNull(r.energyJoules());
  }

  @Test
  void metricsWithoutTheCountersAreOneSentence() throws Exception {
    try (StandIns.Exporter exporter = new StandIns.Exporter()) {
      URI other = exporter.base().resolve("/other");
      ResourceException e = assertThrows(ResourceException.class, () -> new DcgmExporter(other, TIMEOUT).scrape());
      assertEquals("the DCGM exporter at " + other + " lists none of DCGM_FI_DEV_FB_USED,"
          + " DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION: check that the address is dcgm-exporter's and that its counters"
          + " include them", e.getMessage());
    }
  }
}

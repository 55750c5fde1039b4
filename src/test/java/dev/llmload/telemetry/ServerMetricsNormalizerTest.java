package dev.llmload.telemetry;

import static dev.llmload.telemetry.PrometheusTextTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.engine.EngineStats;
import dev.llmload.server.metrics.ServerMetrics;
import dev.llmload.server.truth.GroundTruth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMetricsNormalizerTest {

  private static final double EXACT = 1e-9;

  private static ServerSnapshot normalize(String fixture) {
    return ServerMetricsNormalizer.normalize(PrometheusText.parse(fixture(fixture)).samples(), 42L);
  }

  @Test
  void vllmV1SumsEnginesAndTakesTheFullestKvCache() {
    ServerSnapshot s = normalize("vllm-v1.txt");
    assertEquals(ServerKind.VLLM, s.kind());
    assertEquals(42L, s.atNanos());
    assertEquals(22.0, s.running(), EXACT);
    assertEquals(4.0, s.waiting(), EXACT);
    assertEquals(0.875, s.kvCacheUsage(), EXACT);
    assertEquals(5.0, s.preemptionsTotal(), EXACT);
    assertEquals(48_000.0, s.prefixCacheHitsTotal(), EXACT);
    assertEquals(160_000.0, s.prefixCacheQueriesTotal(), EXACT);
    assertEquals(50.0, s.serverTtftSecondsSum(), EXACT);
    assertEquals(300.0, s.serverTtftCount(), EXACT);
    assertEquals(25.0, s.queueSecondsSum(), EXACT);
    assertEquals(300.0, s.queueCount(), EXACT);
    assertEquals(200_000.0, s.promptTokensTotal(), EXACT);
    assertEquals(50_000.0, s.generationTokensTotal(), EXACT);
  }

  @Test
  void olderVllmReadsGpuCacheUsageAndCountersWithoutTotal() {
    ServerSnapshot s = normalize("vllm-old.txt");
    assertEquals(ServerKind.VLLM, s.kind());
    assertEquals(7.0, s.running(), EXACT);
    assertEquals(2.0, s.waiting(), EXACT);
    assertEquals(0.42, s.kvCacheUsage(), EXACT);
    assertEquals(3.0, s.preemptionsTotal(), EXACT);
    assertEquals(1000.0, s.prefixCacheHitsTotal(), EXACT);
    assertEquals(4000.0, s.prefixCacheQueriesTotal(), EXACT);
    assertEquals(4.25, s.serverTtftSecondsSum(), EXACT);
    assertEquals(25.0, s.serverTtftCount(), EXACT);
    assertEquals(1.5, s.queueSecondsSum(), EXACT);
    assertEquals(25.0, s.queueCount(), EXACT);
    assertEquals(5000.0, s.promptTokensTotal(), EXACT);
    assertEquals(2500.0, s.generationTokensTotal(), EXACT);
  }

  @Test
  void sglangHasNoPrefixQueriesCounter() {
    ServerSnapshot s = normalize("sglang.txt");
    assertEquals(ServerKind.SGLANG, s.kind());
    assertEquals(9.0, s.running(), EXACT);
    assertEquals(5.0, s.waiting(), EXACT);
    assertEquals(0.28, s.kvCacheUsage(), EXACT);
    assertEquals(6.0, s.preemptionsTotal(), EXACT);
    assertEquals(61_000.0, s.prefixCacheHitsTotal(), EXACT);
    assertNull(s.prefixCacheQueriesTotal());
    assertEquals(2.3518979474117756e+06, s.serverTtftSecondsSum(), EXACT);
    assertEquals(21_000.0, s.serverTtftCount(), EXACT);
    assertEquals(1234.5, s.queueSecondsSum(), EXACT);
    assertEquals(21_000.0, s.queueCount(), EXACT);
    assertEquals(8.128902e+06, s.promptTokensTotal(), EXACT);
    assertEquals(7.557572e+06, s.generationTokensTotal(), EXACT);
  }

  @Test
  void tgiOffersNoKvCacheNoPreemptionsNoPrefixCacheNoTtft() {
    ServerSnapshot s = normalize("tgi.txt");
    assertEquals(ServerKind.TGI, s.kind());
    assertEquals(14.0, s.running(), EXACT);
    assertEquals(6.0, s.waiting(), EXACT);
    assertNull(s.kvCacheUsage());
    assertNull(s.preemptionsTotal());
    assertNull(s.prefixCacheHitsTotal());
    assertNull(s.prefixCacheQueriesTotal());
    assertNull(s.serverTtftSecondsSum());
    assertNull(s.serverTtftCount());
    assertEquals(61.25, s.queueSecondsSum(), EXACT);
    assertEquals(400.0, s.queueCount(), EXACT);
    assertEquals(205_000.0, s.promptTokensTotal(), EXACT);
    assertEquals(81_000.0, s.generationTokensTotal(), EXACT);
  }

  @Test
  void llamaCppOffersGaugesAndTokenCountersOnly() {
    ServerSnapshot s = normalize("llamacpp.txt");
    assertEquals(ServerKind.LLAMA_CPP, s.kind());
    assertEquals(4.0, s.running(), EXACT);
    assertEquals(2.0, s.waiting(), EXACT);
    assertEquals(0.3125, s.kvCacheUsage(), EXACT);
    assertNull(s.preemptionsTotal());
    assertNull(s.prefixCacheHitsTotal());
    assertNull(s.prefixCacheQueriesTotal());
    assertNull(s.serverTtftSecondsSum());
    assertNull(s.queueSecondsSum());
    assertEquals(33_065.0, s.promptTokensTotal(), EXACT);
    assertEquals(7801.0, s.generationTokensTotal(), EXACT);
  }

  @Test
  void anUnknownServerGivesAnEmptySnapshot() {
    ServerSnapshot s = ServerMetricsNormalizer.normalize(
        PrometheusText.parse("process_cpu_seconds_total 3.2\ngo_goroutines 12\n").samples(), 1L);
    assertEquals(ServerKind.UNKNOWN, s.kind());
    assertTrue(s.isEmpty());
  }

  @Test
  void aMissingGaugeStaysNullNeverZero() {
    ServerSnapshot s = ServerMetricsNormalizer.normalize(
        List.of(new PromSample("vllm:num_requests_running", java.util.Map.of(), 3)), 1L);
    assertEquals(3.0, s.running(), EXACT);
    assertNull(s.waiting());
    assertEquals(List.of("running"), List.copyOf(s.values().keySet()));
  }

  @Test
  void detectsTheKindMostNamesCarry() {
    List<PromSample> samples = PrometheusText.parse(
        "vllm:num_requests_running 1\nvllm:num_requests_waiting 0\nllmsim:engine_steps_total 9\ntgi_queue_size 0\n")
        .samples();
    assertEquals(ServerKind.VLLM, ServerKind.detect(samples));
    assertEquals("llama.cpp", ServerKind.LLAMA_CPP.displayName());
  }

  @Test
  void theSimulatorOffersEveryFieldTheNormalizerReads() {
    ServerMetrics metrics = new ServerMetrics("sim-model");
    metrics.promptTokens(120);
    metrics.firstToken(40_000_000L);
    metrics.queueTime(15_000_000L);
    String body = metrics.render(new EngineStats(8, 3, 0.5, 2, 400, 90, 0, 1000, 250), new GroundTruth(16));
    ServerSnapshot s = ServerMetricsNormalizer.normalize(PrometheusText.parse(body).samples(), 7L);
    assertEquals(ServerKind.VLLM, s.kind());
    assertEquals(List.of("running", "waiting", "kvCacheUsage", "preemptionsTotal", "prefixCacheHitsTotal",
        "prefixCacheQueriesTotal", "serverTtftSecondsSum", "serverTtftCount", "queueSecondsSum", "queueCount",
        "promptTokensTotal", "generationTokensTotal"), List.copyOf(s.values().keySet()));
    assertEquals(0.015, s.queueSecondsSum(), EXACT);
    assertEquals(1.0, s.queueCount(), EXACT);
    assertEquals(0.04, s.serverTtftSecondsSum(), EXACT);
    assertEquals(250.0, s.prefixCacheHitsTotal(), EXACT);
    assertEquals(0, PrometheusText.parse(body).malformedLines());
  }
}

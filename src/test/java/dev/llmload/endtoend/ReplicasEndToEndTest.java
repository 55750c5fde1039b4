package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.EndpointSummary;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.openai.ServerProbe;
import dev.llmload.report.EndpointCsvWriter;
import dev.llmload.report.Json;
import dev.llmload.report.RebuildReport;
import dev.llmload.report.RequestLog;
import dev.llmload.report.RunManifest;
import dev.llmload.report.RunSummary;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.simulations.ConstantConcurrency;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several base URLs of one model, end to end: a short ConstantConcurrency against two embedded simulators
 * ({@code llm.server.replicas = 2}, round-robin), and against two simulators of different speed given as
 * {@code llm.target.baseUrls} (least-outstanding). Each replica's own ground truth says which requests it served.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicasEndToEndTest {

  @TempDir
  Path dir;

  private LlmRun run(Map<String, String> keys) {
    Map<String, String> all = new java.util.HashMap<>(Map.of(
        "llm.report.dir", dir.resolve("reports").toString(),
        "llm.userFiles", dir.resolve("user-files").toString(),
        "llm.workload.concurrency", "4",
        "llm.workload.duration", "2s",
        "llm.workload.warmup", "0s",
        "llm.request.maxTokens", "8"));
    all.putAll(keys);
    assertEquals(0, InProcessGatling.run(ConstantConcurrency.class, dir.resolve("gatling"), all), "Gatling exit status");
    return Launch.current();
  }

  @Test
  void twoEmbeddedReplicasShareTheLoadInTurnAndEveryReportBreaksItDown() throws Exception {
    LlmRun run = run(Map.of("llm.server.replicas", "2"));
    Path folder = run.reportPath();
    List<SimulatedServer> servers = run.servers();
    assertEquals(2, servers.size());
    List<String> urls = servers.stream().map(SimulatedServer::baseUrl).toList();
    List<RequestRecord> records = RequestLog.read(folder.resolve(RequestLog.FILE_NAME));
    assertTrue(records.size() >= 20, "records: " + records.size());
    assertTrue(records.stream().allMatch(r -> r.outcome() == Outcome.SUCCESSFUL), records.toString());

    // every request went where its record says, and round-robin split them exactly in turn
    Map<String, Long> perEndpoint = records.stream().collect(Collectors.groupingBy(RequestRecord::endpoint, Collectors.counting()));
    assertEquals(new java.util.TreeSet<>(urls), perEndpoint.keySet());
    assertTrue(Math.abs(perEndpoint.get(urls.get(0)) - perEndpoint.get(urls.get(1))) <= 1, "round-robin: " + perEndpoint);
    for (int i = 0; i < 2; i++) {
      SimulatedServer server = servers.get(i);
      SimulatedServer other = servers.get(1 - i);
      assertTrue(server.groundTruth().find(ServerProbe.REQUEST_ID).isPresent(), "preflight probed replica " + (i + 1));
      assertEquals(perEndpoint.get(urls.get(i)) + 1, server.groundTruth().requestsReceived(), "replica " + (i + 1) + ": its requests and the probe");
      for (RequestRecord r : records) {
        boolean here = r.endpoint().equals(urls.get(i));
        assertEquals(here, server.groundTruth().find(r.requestId()).isPresent(), r.requestId() + " at replica " + (i + 1));
        assertEquals(!here, other.groundTruth().find(r.requestId()).isPresent(), r.requestId() + " not at the other");
      }
    }

    // summary.json
    JsonNode summary = Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
    assertEquals(urls, Json.MAPPER.convertValue(summary.path("target").get("baseUrls"), List.class));
    assertEquals("round-robin", summary.path("target").get("balancing").asText());
    assertEquals(urls.get(0), summary.path("target").get("baseUrl").asText());
    JsonNode endpoints = summary.get("endpoints");
    assertEquals(2, endpoints.size());
    JsonNode level = summary.get("levels").get(0);
    long total = 0;
    double outputTps = 0;
    for (int i = 0; i < 2; i++) {
      JsonNode e = endpoints.get(i);
      assertEquals(urls.get(i), e.get("endpoint").asText());
      assertEquals(1, e.get("levels").size());
      JsonNode l = e.get("levels").get(0);
      assertEquals(level.get("label").asText(), l.get("label").asText());
      long measured = records.stream().filter(r -> r.endpoint().equals(e.get("endpoint").asText()) && !r.warmup()).count();
      assertEquals(measured, l.path("requests").path("total").asLong(), "the endpoint's measured requests");
      assertTrue(l.path("ttftMs").path("p50").asDouble() > 0, l.toString());
      total += l.path("requests").path("total").asLong();
      outputTps += l.get("outputTokensPerSecond").asDouble();
    }
    assertEquals(level.path("requests").path("total").asLong(), total, "the endpoints' requests add up to the level's");
    assertEquals(level.get("outputTokensPerSecond").asDouble(), outputTps, 0.01, "so does their output throughput");

    // summary-endpoints.csv: a row per endpoint
    List<String> csv = Files.readAllLines(folder.resolve(EndpointCsvWriter.FILE_NAME), StandardCharsets.UTF_8);
    assertEquals(3, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(0).startsWith("endpoint,model,level,"), csv.get(0));
    assertTrue(csv.get(1).startsWith(urls.get(0) + ","), csv.get(1));
    assertTrue(csv.get(2).startsWith(urls.get(1) + ","), csv.get(2));

    // index.html: the per-endpoint table, an even split
    String html = Files.readString(folder.resolve("index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<h2>Per endpoint</h2>"), "per-endpoint section");
    for (String url : urls) {
      assertTrue(html.contains("<tr><td>" + url + "</td>"), "a row for " + url);
    }
    assertFalse(html.contains("split unevenly"), "round-robin splits evenly");

    // the report rebuilt from requests.jsonl shows the same breakdown
    Path copy = Files.createDirectories(dir.resolve("rebuilt"));
    Files.copy(folder.resolve(RunManifest.FILE_NAME), copy.resolve(RunManifest.FILE_NAME));
    Files.copy(folder.resolve(RequestLog.FILE_NAME), copy.resolve(RequestLog.FILE_NAME));
    RunSummary rebuilt = RebuildReport.rebuild(copy);
    assertEquals(urls, rebuilt.endpoints().stream().map(EndpointSummary::endpoint).toList());
    for (int i = 0; i < 2; i++) {
      LevelSummary r = rebuilt.endpoints().get(i).levels().get(0);
      JsonNode written = endpoints.get(i).get("levels").get(0);
      assertEquals(written.path("requests").path("total").asLong(), r.requests().total());
      assertEquals(written.path("ttftMs").path("p50").asDouble(), r.ttftMs().p50(), 1e-9);
      assertEquals(written.path("itlMs").path("p99").asDouble(), r.itlMs().p99(), 1e-9);
    }
    assertTrue(Files.isRegularFile(copy.resolve(EndpointCsvWriter.FILE_NAME)), "the rebuild writes the per-endpoint CSV too");
  }

  @Test
  void leastOutstandingSendsMoreToTheFasterReplicaAndTheReportSaysSo() throws Exception {
    SimulatedServer fast = SimulatedServer.start(TestServers.quick());
    SimulatedServer slow = SimulatedServer.start(TestServers.quick().toBuilder()
        .engine(TestServers.quick().engine().withDecodeMs(25.0, 0.0)).build());
    try {
      LlmRun run = run(Map.of(
          "llm.target.baseUrls", fast.baseUrl() + "," + slow.baseUrl(),
          "llm.target.balancing", "least-outstanding"));
      Path folder = run.reportPath();
      List<RequestRecord> records = RequestLog.read(folder.resolve(RequestLog.FILE_NAME));
      Map<String, Long> perEndpoint = records.stream().collect(Collectors.groupingBy(RequestRecord::endpoint, Collectors.counting()));
      long toFast = perEndpoint.getOrDefault(fast.baseUrl(), 0L);
      long toSlow = perEndpoint.getOrDefault(slow.baseUrl(), 0L);
      // the slow replica takes ~200 ms a request, the fast one ~10 ms: with 4 users the fast one is nearly always the least busy
      assertTrue(toSlow > 0 && toFast > 4 * toSlow, "fast " + toFast + ", slow " + toSlow);
      assertEquals(toFast + 1, fast.groundTruth().requestsReceived());
      assertEquals(toSlow + 1, slow.groundTruth().requestsReceived());

      JsonNode summary = Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
      assertFalse(summary.path("target").get("embedded").asBoolean());
      assertEquals("least-outstanding", summary.path("target").get("balancing").asText());
      Function<Integer, JsonNode> level = i -> summary.get("endpoints").get(i).get("levels").get(0);
      assertTrue(level.apply(1).path("e2eMs").path("p50").asDouble() > 5 * level.apply(0).path("e2eMs").path("p50").asDouble(),
          "the breakdown shows which replica is slow: " + summary.get("endpoints"));
      String html = Files.readString(folder.resolve("index.html"), StandardCharsets.UTF_8);
      assertTrue(html.contains("requests split unevenly over the endpoints: " + fast.baseUrl()), "the uneven split is said");
    } finally {
      fast.close();
      slow.close();
    }
  }
}

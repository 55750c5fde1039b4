package dev.llmload.endtoend;

import dev.llmload.simulations.ConcurrencySweep;
import dev.llmload.simulations.ConstantConcurrency;
import dev.llmload.simulations.ConstantRate;
import dev.llmload.simulations.Probe;
import dev.llmload.simulations.RateSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.gatling.Launch;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.workload.ArrivalPlan;
import dev.llmload.workload.Workload;
import dev.llmload.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-level simulations against the embedded server: ConstantConcurrency holds its users; ConstantRate sends
 * exactly the arrivals its seed draws, each at its time, and against a server slower than the offered rate the
 * queueing shows where it happens - in the server's TTFT with no cap, in the client's send lag with a cap.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkloadsEndToEndTest {

  @TempDir
  Path dir;

  private record Result(int status, JsonNode level, List<RequestRecord> records, JsonNode summary) {}

  private Result run(Class<?> simulation, String config) throws Exception {
    Path userFiles = Files.createDirectories(dir.resolve("user-files"));
    Files.writeString(userFiles.resolve("workload.conf"), "llm {\n" + config + "\n}\n");
    int status = InProcessGatling.run(simulation, dir.resolve("gatling"), Map.of(
        "llm.userFiles", userFiles.toString(),
        "llm.profile", "workload",
        "llm.report.dir", dir.resolve("reports").toString()));
    Path folder = Launch.current().reportPath();
    JsonNode summary = Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
    return new Result(status, summary.get("levels").get(0), RequestLog.read(folder.resolve(RequestLog.FILE_NAME)), summary);
  }

  @Test
  void constantConcurrencyHoldsItsUsers() throws Exception {
    Result r = run(ConstantConcurrency.class, "workload { concurrency = 3, duration = 3s, warmup = 1s }\n request.maxTokens = 16");
    assertEquals(0, r.status());
    assertEquals("concurrency", r.level().get("kind").asText());
    assertEquals(3, r.level().get("concurrency").asInt());
    assertTrue(r.level().get("rate").isNull());
    assertTrue(r.level().get("openLoop").isNull());
    assertEquals(3.0, r.level().get("inFlightMean").asDouble(), 0.3, "three requests in flight at every send");
    assertTrue(r.records().stream().allMatch(rec -> rec.outcome() == Outcome.SUCCESSFUL && rec.scheduledMicros() == -1));
  }

  @Test
  void theProbeRunsEachPromptSizeOneRequestAtATimeWithItsLabel() throws Exception {
    Path prompts = Files.createDirectories(dir.resolve("user-files/prompts"));
    Files.writeString(prompts.resolve("small.txt"), "Why is the sky blue?");
    Files.writeString(prompts.resolve("large.txt"), "Summarise this. ".repeat(200));
    Result r = run(Probe.class, "probe { steps = [small, large], stepDuration = 2s }\n request.maxTokens = 16");
    assertEquals(0, r.status());
    assertEquals("step", r.level().get("kind").asText());
    assertEquals("small", r.level().get("label").asText());
    assertTrue(r.records().stream().allMatch(rec -> rec.inFlightAtSend() == 1), "one request at a time");
    for (RequestRecord rec : r.records()) {
      assertEquals(rec.level() == 0 ? "small" : "large", rec.labels().get("step"), rec.toString());
    }
    int smallPrompt = r.records().stream().filter(rec -> rec.level() == 0).findFirst().orElseThrow().promptTokens();
    int largePrompt = r.records().stream().filter(rec -> rec.level() == 1).findFirst().orElseThrow().promptTokens();
    assertTrue(largePrompt > 50 * smallPrompt / 10, "the large step sends the large prompt: " + smallPrompt + " vs " + largePrompt);
  }

  @Test
  void aSweepStopsAfterASaturatedLevelAndSaysWhy() throws Exception {
    long start = System.nanoTime();
    Result r = run(ConcurrencySweep.class, "sweep { levels = [2, 4, 8], levelDuration = 3s, warmup = 0s }\n request.maxTokens = 8\n"
        + " request.pauseAfterError = 50ms\n target.model = broken\n server.faults = [ { model = broken, fault = http-500 } ]");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, r.status());
    String reason = r.summary().get("stoppedEarly").asText();
    assertTrue(reason.startsWith("the sweep stopped after c=2: 100 % of its requests failed, above llm.stop.errorRate (50 %)"), reason);
    assertEquals(1, r.summary().get("levels").size(), "the levels after the stop are left out");
    assertTrue(r.summary().get("notes").toString().contains("the sweep stopped after c=2"));
    assertTrue(seconds < 9 + 5, "the run ended well before its 9 s schedule plus start-up: " + seconds + " s");
    assertTrue(r.records().stream().noneMatch(rec -> rec.level() == 2), "no request of c=8 was ever started");
  }

  @Test
  void constantConcurrencyCanRunARequestCount() throws Exception {
    long start = System.nanoTime();
    Result r = run(ConstantConcurrency.class, "workload { concurrency = 3, duration = 30s, warmup = 0s, requests = 12 }\n"
        + " request.maxTokens = 16");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, r.status());
    assertEquals(12, r.records().size(), "exactly the requests asked for");
    assertTrue(r.records().stream().allMatch(rec -> rec.outcome() == Outcome.SUCCESSFUL));
    assertEquals("the run reached llm.workload.requests (12 requests)", r.summary().get("stoppedEarly").asText());
    assertEquals(12, r.level().get("requests").get("successful").asLong(), "all counted, the last ones included");
    assertTrue(seconds < 20, "the run ended with its requests, not after 30 s: " + seconds + " s");
  }

  @Test
  void maxDurationEndsAnyWorkload() throws Exception {
    Result r = run(ConstantConcurrency.class, "workload { concurrency = 2, duration = 30s, warmup = 0s }\n request.maxTokens = 8\n"
        + " stop.maxDuration = 3s");
    assertEquals(0, r.status());
    assertTrue(r.summary().get("stoppedEarly").asText().startsWith("the run reached llm.stop.maxDuration (3 s)"));
    long lastSend = r.records().stream().mapToLong(RequestRecord::sendMicros).max().orElseThrow();
    assertTrue(lastSend < 5_000_000, "no request started well after the limit: " + lastSend + " us");
    assertTrue(r.level().get("durationSeconds").asDouble() < 5, "the level is measured up to the stop: " + r.level().get("durationSeconds"));
  }

  @Test
  void aStopReachesTheUsersStillWaitingForASlot() throws Exception {
    // 20/s offered, one slot, ~0.4 s per request: the queue grows by ~17 users a second until maxDuration stops it
    long start = System.nanoTime();
    Result r = run(ConstantRate.class, "workload { rate = 20, duration = 20s, warmup = 0s, arrivals = uniform, maxInFlight = 1 }\n"
        + " request.maxTokens = 20\n server { maxNumSeqs = 2, decodeBaseMs = 20, decodePerSeqMs = 0 }\n stop.maxDuration = 3s");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, r.status());
    assertTrue(r.summary().get("stoppedEarly").asText().startsWith("the run reached llm.stop.maxDuration"));
    assertTrue(seconds < 15, "the queued users passed without sending instead of draining a 20 s queue: " + seconds + " s");
    assertTrue(r.records().size() < 15, "only the requests that got a slot before the stop: " + r.records().size());
  }

  @Test
  void aRateSweepMeasuresThenRunsTheRatesBetween() throws Exception {
    Result r = run(RateSweep.class, "rateSweep { steps = 2, throughputConcurrency = 8, phaseDuration = 2s, levelDuration = 2s, "
        + "warmup = 0s }\n request.maxTokens = 16\n workload.arrivals = uniform");
    assertEquals(0, r.status());
    JsonNode levels = r.summary().get("levels");
    assertEquals(4, levels.size(), levels.toString());
    assertEquals("synchronous", levels.get(0).get("label").asText());
    assertEquals("throughput", levels.get(1).get("label").asText());
    double synchronous = levels.get(0).get("requestsPerSecond").asDouble();
    double saturated = levels.get(1).get("requestsPerSecond").asDouble();
    assertTrue(saturated > 2 * synchronous, synchronous + " vs " + saturated);
    double gap = (saturated - synchronous) / 3;
    for (int i = 2; i < 4; i++) {
      JsonNode rate = levels.get(i);
      assertEquals("rate", rate.get("kind").asText());
      assertEquals(synchronous + gap * (i - 1), rate.get("rate").asDouble(), 0.01, "evenly between the measured rates");
      assertTrue(rate.get("requests").get("successful").asLong() > 0);
    }
    dev.llmload.workload.LevelSchedule schedule = dev.llmload.report.RunManifest.read(Launch.current().reportPath()).schedule();
    assertEquals(4, schedule.levels().size(), "run.json lists the rates added while the run went");
    assertTrue(schedule.levelStartMicros(2) >= schedule.measuredEndMicros(1));
    for (RequestRecord rec : r.records()) {
      assertEquals(rec.level() >= 2, rec.scheduledMicros() >= 0, "open requests only in the rate levels: " + rec);
      assertEquals(Outcome.SUCCESSFUL, rec.outcome());
    }
  }

  @Test
  void constantRateSendsExactlyTheDrawnArrivalsEachAtItsTime() throws Exception {
    String config = "workload { rate = 10, duration = 3s, warmup = 1s, seed = 7 }\n request.maxTokens = 16";
    Result r = run(ConstantRate.class, config);
    assertEquals(0, r.status());
    LlmSettings settings = SettingsLoader.loadForTest(Map.of("llm.workload.rate", 10, "llm.workload.duration", "3s",
        "llm.workload.warmup", "1s", "llm.workload.seed", 7), Map.of());
    Workload.Open workload = (Workload.Open) Workloads.constantRate(settings);
    ArrivalPlan plan = new ArrivalPlan(workload.schedule(), workload.arrivals(), 0);
    List<RequestRecord> bySchedule = r.records().stream().sorted(Comparator.comparingLong(RequestRecord::scheduledMicros)).toList();
    int i = 0;
    while (plan.hasNext()) {
      long expected = plan.next().atNanos() / 1_000;
      assertTrue(i < bySchedule.size(), "every drawn arrival was sent");
      assertEquals(expected, bySchedule.get(i).scheduledMicros(), 1, "arrival " + i + " at its drawn time");
      i++;
    }
    assertEquals(i, r.records().size(), "and nothing else");
    for (RequestRecord rec : r.records()) {
      assertEquals(Outcome.SUCCESSFUL, rec.outcome(), rec.toString());
      assertTrue(rec.sendMicros() >= rec.scheduledMicros(), "never early: " + rec);
      assertEquals(rec.scheduledMicros() < 1_000_000, rec.warmup(), "warm-up by scheduled time: " + rec);
    }
    assertEquals("rate", r.level().get("kind").asText());
    assertEquals("10/s", r.level().get("label").asText());
    assertEquals(10.0, r.level().get("rate").asDouble());
    JsonNode open = r.level().get("openLoop");
    assertEquals(open.get("scheduledInWindow").asLong(), open.get("sentInWindow").asLong());
    assertTrue(open.get("sendLagMs").get("p50").asDouble() < 5, "send lag p50 (loose for a shared CI machine): " + open);
  }

  @Test
  void aServerSlowerThanTheRateQueuesRequestsAndTheClientKeepsItsSchedule() throws Exception {
    // 2 sequences at ~20 ms a step, 20 tokens each: about 5 requests/s of capacity; 10/s offered
    Result r = run(ConstantRate.class, "workload { rate = 10, duration = 4s, warmup = 0s, arrivals = uniform }\n request.maxTokens = 20\n"
        + " server { maxNumSeqs = 2, decodeBaseMs = 20, decodePerSeqMs = 0 }");
    assertEquals(0, r.status());
    List<RequestRecord> ok = r.records().stream().filter(rec -> rec.outcome() == Outcome.SUCCESSFUL)
        .sorted(Comparator.comparingLong(RequestRecord::scheduledMicros)).toList();
    assertTrue(ok.size() >= 30, "requests: " + ok.size());
    double firstTtft = ttftMs(ok.subList(0, 5));
    double lastTtft = ttftMs(ok.subList(ok.size() - 5, ok.size()));
    assertTrue(lastTtft > 5 * firstTtft + 200, "TTFT grows as the server's queue does: first " + firstTtft + " ms, last " + lastTtft + " ms");
    JsonNode open = r.level().get("openLoop");
    assertTrue(open.get("sendLagMs").get("p50").asDouble() < 5, "the client kept its schedule: " + open.get("sendLagMs"));
    assertEquals(open.get("scheduledInWindow").asLong(), open.get("sentInWindow").asLong());
  }

  @Test
  void aCapOnRequestsInFlightMovesTheQueueIntoTheClientAndShowsIt() throws Exception {
    Result r = run(ConstantRate.class, "workload { rate = 10, duration = 4s, warmup = 0s, arrivals = uniform, maxInFlight = 2 }\n"
        + " request.maxTokens = 20\n server { maxNumSeqs = 2, decodeBaseMs = 20, decodePerSeqMs = 0 }");
    assertEquals(0, r.status());
    assertTrue(r.records().stream().allMatch(rec -> rec.inFlightAtSend() <= 2), "never more than 2 in flight");
    JsonNode open = r.level().get("openLoop");
    assertTrue(open.get("sendLagMs").get("p99").asDouble() > 500, "the wait for a slot is send lag: " + open.get("sendLagMs"));
    assertTrue(r.level().get("ttftMs").get("p50").asDouble() < 200, "TTFT from the send stays short: " + r.level().get("ttftMs"));
    assertTrue(open.get("ttftFromScheduledMs").get("p99").asDouble() > 500, "from the scheduled time the users' wait shows");
    assertNotNull(open.get("problem").asText(null), "and the summary says the schedule was not kept");
  }

  private static double ttftMs(List<RequestRecord> records) {
    return records.stream().mapToLong(rec -> rec.chunkMicros()[0] - rec.sendMicros()).average().orElseThrow() / 1000;
  }
}

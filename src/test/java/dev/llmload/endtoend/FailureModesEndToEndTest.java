package dev.llmload.endtoend;

import dev.llmload.simulations.ConcurrencySweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.openai.ServerProbe;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.truth.GroundTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure mode of the simulated server's fault injection, run through the real Gatling chain: each is
 * classified, counted, shown in the summary with a sample message, and the server received exactly as many
 * requests as the client reports (no silent re-send).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureModesEndToEndTest {

  @TempDir
  Path dir;

  /** One short run: 2 users for 2 s against a model whose every request gets {@code fault}. */
  private Result run(String fault, String extraConfig) throws Exception {
    Path userFiles = Files.createDirectories(dir.resolve("user-files"));
    Files.writeString(userFiles.resolve("faults.conf"), """
        llm {
          target.model = faulty
          request.maxTokens = 16
          request.pauseAfterError = 100ms
          sweep { levels = [2], levelDuration = 2s, warmup = 0s }
          server.faults = [ { model = faulty, %s } ]
          %s
        }
        """.formatted(fault, extraConfig));
    int status = InProcessGatling.run(ConcurrencySweep.class, dir.resolve("gatling"), Map.of(
        "llm.userFiles", userFiles.toString(),
        "llm.profile", "faults",
        "llm.report.dir", dir.resolve("reports").toString()));
    LlmRun run = Launch.current();
    Path folder = run.reportPath();
    return new Result(status, Json.MAPPER.readTree(folder.resolve("summary.json").toFile()),
        RequestLog.read(folder.resolve(RequestLog.FILE_NAME)), run.server().map(SimulatedServer::groundTruth).orElseThrow());
  }

  private record Result(int status, JsonNode summary, List<RequestRecord> records, GroundTruth truth) {

    /** 1 when the preflight probe reached the server (it does not stop the run for these faults). */
    int probes() {
      return truth.find(ServerProbe.REQUEST_ID).isPresent() ? 1 : 0;
    }

    JsonNode level() {
      return summary.get("levels").get(0);
    }

    void assertEvery(Outcome outcome, String kind, Predicate<RequestRecord> more) {
      assertEquals(0, status, "the run ends normally, on its schedule");
      assertTrue(records.size() >= 2, "requests: " + records.size());
      for (RequestRecord r : records) {
        assertEquals(outcome, r.outcome(), r.toString());
        assertEquals(kind, r.errorKind(), r.toString());
        assertTrue(more.test(r), r.toString());
      }
      assertEquals(records.size() + probes(), truth.requestsReceived(), "the server received exactly the requests the client reports");
      JsonNode requests = level().get("requests");
      long counted = outcome == Outcome.ERRORED ? requests.get("errored").asLong() : requests.get("incomplete").asLong();
      assertEquals(records.size(), counted, "every request counted once, under its outcome");
      assertEquals(0, requests.get("successful").asLong());
      JsonNode error = level().get("errors").get(0);
      assertEquals(kind, error.get("kind").asText());
      assertEquals(records.size(), error.get("count").asLong());
      assertNotNull(error.get("sample").asText(null), "a sample message");
      assertTrue(level().get("ttftMs").isNull(), "no latency percentiles from failed requests");
    }
  }

  @Test
  void http429IsRateLimited() throws Exception {
    Result r = run("fault = http-429", "");
    r.assertEvery(Outcome.ERRORED, "rate_limited", rec -> rec.httpStatus() == 429 && rec.chunkMicros().length == 0
        && rec.errorMessage().contains(": {\"error\":"));
  }

  @Test
  void http500IsAnHttpErrorWithItsStatus() throws Exception {
    Result r = run("fault = http-500", "");
    r.assertEvery(Outcome.ERRORED, "http_error", rec -> rec.httpStatus() == 500
        && rec.errorMessage().startsWith("HTTP 500 before the stream started: {\"error\":") && rec.errorMessage().contains("\"message\""));
  }

  @Test
  void http503IsAnHttpErrorWithItsStatus() throws Exception {
    Result r = run("fault = http-503", "");
    r.assertEvery(Outcome.ERRORED, "http_error", rec -> rec.httpStatus() == 503);
  }

  @Test
  void errorEventInsideA200StreamIsAnError() throws Exception {
    Result r = run("fault = error-event, afterTokens = 3", "");
    r.assertEvery(Outcome.ERRORED, "error_event", rec -> rec.httpStatus() == 200 && !rec.errorMessage().isBlank());
  }

  @Test
  void cutMidStreamIsIncompleteAndNeverResent() throws Exception {
    Result r = run("fault = cut, afterTokens = 3", "");
    r.assertEvery(Outcome.INCOMPLETE, "stream_cut", rec -> rec.chunkMicros().length == 3);
    assertEquals(r.records().size() + r.probes(), r.truth().requestsCut(), "the server cut each request once");
  }

  @Test
  void stallBeforeHeadersEndsAtTheRequestTimeout() throws Exception {
    Result r = run("fault = stall-before-headers, stallMs = 4000", "timeouts.request = 700ms");
    r.assertEvery(Outcome.ERRORED, "timeout", rec -> rec.httpStatus() == -1 && rec.endMicros() - rec.sendMicros() < 2_000_000);
  }

  @Test
  void stallBeforeHeadersEndsAtTheHeadersTimeout() throws Exception {
    Result r = run("fault = stall-before-headers, stallMs = 4000", "timeouts.headers = 600ms");
    r.assertEvery(Outcome.ERRORED, "timeout", rec -> rec.httpStatus() == -1 && rec.errorMessage().contains("llm.timeouts.headers")
        && rec.endMicros() - rec.sendMicros() < 2_000_000);
  }

  @Test
  void stallMidStreamEndsAtTheIdleTimeout() throws Exception {
    Result r = run("fault = stall-mid-stream, afterTokens = 3, stallMs = 4000", "timeouts.idle = 500ms");
    r.assertEvery(Outcome.INCOMPLETE, "timeout", rec -> rec.chunkMicros().length == 3 && rec.errorMessage().contains("llm.timeouts.idle"));
  }

  @Test
  void anAnswerThatIsNotAStreamIsAProtocolError() throws Exception {
    Result r = run("fault = not-a-stream", "");
    r.assertEvery(Outcome.ERRORED, "protocol_error", rec -> rec.errorMessage().equals(
        "HTTP 200 with content-type application/json instead of text/event-stream (is stream=true honoured?)") && rec.httpStatus() == 200);
  }

  @Test
  void malformedChunkIsCountedWithItsTextAndTheRunGoesOn() throws Exception {
    Result r = run("fault = malformed-chunk, afterTokens = 3", "");
    assertEquals(0, r.status());
    assertTrue(r.records().stream().allMatch(rec -> rec.malformedChunks() == 1 && rec.malformedSample() != null), r.records().toString());
    JsonNode errors = r.level().get("errors");
    JsonNode malformed = null;
    for (JsonNode e : errors) {
      if (e.get("kind").asText().equals("malformed_chunk")) {
        malformed = e;
      }
    }
    assertNotNull(malformed, errors.toString());
    assertEquals(r.records().size(), malformed.get("count").asLong());
    assertEquals(r.records().size() + r.probes(), r.truth().requestsReceived());
  }

  @Test
  void serverThatGoesAwayIsCountedPerRequestAndNoted() throws Exception {
    LlmRun previous = Launch.current();
    Thread killer = new Thread(() -> {
      try {
        LlmRun run;
        while ((run = Launch.current()) == previous || run.server().isEmpty() || run.recorder() == null || run.recorder().anchorNanos() == Long.MIN_VALUE) {
          Thread.sleep(20);
        }
        Thread.sleep(1_000);
        run.server().get().close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    killer.start();
    Result r = run("fault = http-500, probability = 0.0", "sweep.levelDuration = 3s, timeouts.idle = 500ms");
    killer.join();
    assertEquals(0, r.status(), "the run ends on its schedule");
    long ok = r.records().stream().filter(rec -> rec.outcome() == Outcome.SUCCESSFUL).count();
    long refused = r.records().stream().filter(rec -> "connection_refused".equals(rec.errorKind())).count();
    assertTrue(ok > 0 && refused > 0, "successes then refusals: " + ok + " / " + refused + " " + r.records().stream().skip(6).map(x -> x.requestId() + " " + x.outcome() + " " + x.errorKind() + " " + x.errorMessage() + " " + x.sendMicros() + ".." + x.endMicros()).toList());
    java.util.Set<String> recorded = r.records().stream().map(RequestRecord::requestId).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> seen = new java.util.HashSet<>(r.truth().processedCountsById().keySet());
    seen.remove(ServerProbe.REQUEST_ID);
    assertTrue(recorded.containsAll(seen), "every request the server saw is recorded: " + seen + " vs " + recorded);
    // A request recorded with no response and not re-sent either never reached the server or reached it as it went away
    // (a fresh connection closed between the server reading the request and writing its headers): never one the server
    // answered - nothing measured is lost
    assertTrue(r.records().stream().filter(rec -> rec.httpStatus() == -1 && rec.connectionRetries() == 0).filter(rec -> seen.contains(
        rec.requestId())).allMatch(rec -> r.truth().find(rec.requestId()).orElseThrow().contentWriteNanos().length == 0),
        "a request recorded with no response got no content from the server");
    assertTrue(r.summary().get("notes").get(0).asText().contains("the server went away"), r.summary().get("notes").toString());
  }
}

package dev.llmload.endtoend;

import dev.llmload.simulations.ConcurrencySweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.server.SimulatedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keep-alive race, on demand: the simulated server drops every request that arrives on a reused connection
 * (fault {@code stale-connection}: closed without a byte, or reset), exactly as a server whose idle close crosses
 * the client's write. Every such request is sent once more on a fresh connection, counted as a connection retry,
 * never as an error - and the server processed each request exactly once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeepAliveEndToEndTest {

  @TempDir
  Path dir;

  private record Result(int status, JsonNode summary, List<RequestRecord> records, SimulatedServer server) {}

  private Result run(String config) throws Exception {
    Path userFiles = Files.createDirectories(dir.resolve("user-files"));
    Files.writeString(userFiles.resolve("keepalive.conf"), """
        llm {
          request.maxTokens = 8
          sweep { levels = [2], levelDuration = 3s, warmup = 0s }
          %s
        }
        """.formatted(config));
    int status = InProcessGatling.run(ConcurrencySweep.class, dir.resolve("gatling"), Map.of(
        "llm.userFiles", userFiles.toString(),
        "llm.profile", "keepalive",
        "llm.report.dir", dir.resolve("reports").toString()));
    LlmRun run = Launch.current();
    Path folder = run.reportPath();
    return new Result(status, Json.MAPPER.readTree(folder.resolve("summary.json").toFile()),
        RequestLog.read(folder.resolve(RequestLog.FILE_NAME)), run.server().orElseThrow());
  }

  private static void assertRetriedNotFailed(Result r) {
    assertEquals(0, r.status(), "the run ends normally");
    assertTrue(r.records().size() >= 6, "requests: " + r.records().size());
    long retried = 0;
    for (RequestRecord rec : r.records()) {
      assertEquals(Outcome.SUCCESSFUL, rec.outcome(), rec.toString());
      assertEquals(1, r.server().timesProcessed(rec.requestId()), "processed exactly once: " + rec.requestId());
      if (rec.connectionRetries() == 1) {
        retried++;
        assertTrue(rec.resendMicros() >= rec.sendMicros(), rec.toString());
        assertTrue(rec.headersMicros() > rec.resendMicros(), "the response came to the second attempt: " + rec);
        assertTrue(rec.chunkMicros()[0] - rec.sendMicros() >= rec.resendMicros() - rec.sendMicros(),
            "TTFT counts from the first attempt");
      } else {
        assertEquals(-1, rec.resendMicros());
      }
    }
    // every request written on a reused connection met the fault; the others went out on new connections (the first
    // ones, and after a reset the next, as the re-sent request's connection stays out of the shared pool)
    assertTrue(retried >= r.records().size() / 2, "retried " + retried + " of " + r.records().size());
    assertEquals(0, r.server().duplicateProcessedRequests(), "no request the server processed was ever sent twice");
    JsonNode level = r.summary().get("levels").get(0);
    assertEquals(0, level.path("requests").path("errored").asLong());
    assertEquals(0, level.path("requests").path("incomplete").asLong());
    assertEquals(retried, level.get("connectionRetries").asLong(), "the summary counts the retries of the measured requests");
    assertTrue(level.get("errors").isEmpty(), level.get("errors").toString());
  }

  @Test
  void aConnectionClosedAsTheRequestIsWrittenIsRetriedOnceOnAFreshConnection() throws Exception {
    assertRetriedNotFailed(run("server.faults = [ { fault = stale-connection } ]"));
  }

  @Test
  void aConnectionResetAsTheRequestIsWrittenIsRetriedOnceOnAFreshConnection() throws Exception {
    assertRetriedNotFailed(run("server.faults = [ { fault = stale-connection-reset } ]"));
  }

  @Test
  void aServerClosingAfterNRequestsSaysSoAndIsNeverRaced() throws Exception {
    Result r = run("server.keepAliveMaxRequests = 3");
    assertEquals(0, r.status());
    for (RequestRecord rec : r.records()) {
      assertEquals(Outcome.SUCCESSFUL, rec.outcome(), rec.toString());
      assertEquals(0, rec.connectionRetries(), "Connection: close is honoured: no request goes onto a closing connection");
      assertEquals(1, r.server().timesProcessed(rec.requestId()));
    }
    assertTrue(r.server().keepAliveCloses("max_requests") > 0, "the server closed connections during the run");
  }

  @Test
  void theClientClosesIdleConnectionsBeforeTheServerDoes() throws Exception {
    // c=3 then c=1, requests of ~2 s: while the one user streams, the other connections sit idle in the pool for
    // 2 s or more; the server closes idle ones at 1.5 s
    String workload = "sweep { levels = [3, 1], levelDuration = 4s }\n request.maxTokens = 250\n server.keepAliveIdle = 1500ms\n";
    // The preflight's two requests (model list, probe) leave JDK-client connections idle in both runs: the server
    // closes those in both. The difference is the load's pooled connections.
    Result late = run(workload + "http.keepAliveIdle = 4s");
    Result early = run(workload + "http.keepAliveIdle = 1s");
    long lateCloses = late.server().keepAliveCloses("idle");
    long earlyCloses = early.server().keepAliveCloses("idle");
    assertTrue(earlyCloses <= 2, "with llm.http.keepAliveIdle below the server's, only the preflight's connections: " + earlyCloses);
    assertTrue(lateCloses >= earlyCloses + 2, "a client keeping idle connections 4 s meets the server's 1.5 s close on both idle "
        + "connections: " + lateCloses + " vs " + earlyCloses);
    for (Result r : List.of(late, early)) {
      assertTrue(r.records().stream().allMatch(rec -> rec.outcome() == Outcome.SUCCESSFUL));
    }
  }
}

package dev.llmload.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.RequestLog;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {

  @TempDir
  Path dir;

  private RunRecorder recorder() throws Exception {
    LevelSchedule schedule = new LevelSchedule(List.of(
        LoadLevel.concurrency(0, 1, Duration.ofSeconds(3), Duration.ofSeconds(12)),
        LoadLevel.concurrency(1, 4, Duration.ofSeconds(3), Duration.ofSeconds(12)),
        LoadLevel.concurrency(2, 2, Duration.ofSeconds(3), Duration.ofSeconds(12))));
    return new RunRecorder(schedule, new RequestLog(dir.resolve("requests.jsonl")),
        new ConsoleReporter(new PrintStream(new ByteArrayOutputStream())), "http://127.0.0.1:1/v1", "r-");
  }

  @Test
  void aRequestsLevelAndWarmupFollowFromItsSendTimeOnTheInjectionClock() throws Exception {
    RunRecorder r = recorder();
    long zero = 1_000_000_000_000L;
    r.anchorAtInjectionStart(zero, 1_764_588_168_000L);
    assertTrue(r.anchoredAtInjection());
    assertEquals(1_764_588_168_000L, r.anchorEpochMillis());
    StreamTracker first = r.begin(zero + 45_000_000L); // the first send lags injection start by tens of ms
    assertEquals(0, first.level());
    assertTrue(first.warmup());
    StreamTracker last = r.begin(zero + 14_999_999_000L);
    assertEquals(0, last.level(), "sent 1 us before the boundary: the old level");
    assertFalse(last.warmup());
    StreamTracker joiner = r.begin(zero + 15_000_000_000L);
    assertEquals(1, joiner.level(), "a user Gatling adds at the tick of the next level");
    assertTrue(joiner.warmup());
    StreamTracker measured = r.begin(zero + 18_000_000_000L);
    assertEquals(1, measured.level());
    assertFalse(measured.warmup());
    assertEquals(2, r.begin(zero + 99_000_000_000L).level(), "past the schedule: the last level");
  }

  @Test
  void aClosedWorkloadsUserBelongsToTheBatchThatAddedItEvenSentJustBeforeTheBoundary() throws Exception {
    RunRecorder r = recorder();
    long zero = 1_000_000_000_000L;
    r.anchorAtInjectionStart(zero, 1L);
    r.onClosedBatch(0);
    assertEquals(0, r.begin(zero + 45_000_000L).level());
    r.onClosedBatch(14);
    StreamTracker replacement = r.begin(zero + 14_990_000_000L);
    assertEquals(0, replacement.level(), "batch 14 still sets c=1 (it looks up 15 s, where c=1 ends)");
    assertFalse(replacement.warmup());
    r.onClosedBatch(15); // Gatling's tick, a few ms before our 15 s: its timer started before our stamp
    StreamTracker joiner = r.begin(zero + 14_996_000_000L);
    assertEquals(1, joiner.level(), "a user the c=4 batch added is a c=4 request, whatever our clock says");
    assertTrue(joiner.warmup(), "and it is in the warm-up of c=4, not in the measured window of c=1");
  }

  @Test
  void anOpenRequestBelongsToTheLevelOfItsScheduledTimeAndIsWarmupByIt() throws Exception {
    RunRecorder r = recorder();
    long zero = 5_000_000_000L;
    r.anchorAtInjectionStart(zero, 1L);
    StreamTracker late = r.beginScheduled(0, zero + 2_999_000_000L, java.util.Map.of("promptSet", "small"));
    assertEquals(0, late.level());
    assertTrue(late.warmup(), "scheduled in the warm-up: warm-up, however late it went out");
    assertEquals(zero + 2_999_000_000L, late.scheduledNanos());
    assertEquals(java.util.Map.of("promptSet", "small"), late.labels());
    long before = System.nanoTime();
    StreamTracker measured = r.beginScheduled(0, zero + 3_000_000_000L, java.util.Map.of());
    long after = System.nanoTime();
    assertFalse(measured.warmup());
    assertTrue(measured.sendNanos() >= before && measured.sendNanos() <= after, "the send is stamped at the call, not at the schedule");
  }

  @Test
  void theFirstAnchorWins() throws Exception {
    RunRecorder r = recorder();
    r.anchorAtInjectionStart(5_000, 1_000);
    r.anchorAtInjectionStart(9_000, 2_000);
    assertEquals(5_000, r.anchorNanos());
    assertEquals(1_000, r.anchorEpochMillis());
  }

  @Test
  void withoutAnInjectionAnchorTheClockStartsAtTheFirstSend() throws Exception {
    RunRecorder r = recorder();
    StreamTracker first = r.begin(77_000_000L);
    assertEquals(77_000_000L, r.anchorNanos());
    assertFalse(r.anchoredAtInjection());
    assertEquals(0, first.level());
    assertTrue(r.anchorEpochMillis() > 0);
  }

  @Test
  void aLogThatCannotBeWrittenIsSaidOnceAndNoRecordIsLost() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RequestLog log = new RequestLog(dir.resolve("requests.jsonl"));
    log.close(); // every append now fails, as on a full disk
    LevelSchedule schedule = new LevelSchedule(List.of(LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(60))));
    RunRecorder r = new RunRecorder(schedule, log, new ConsoleReporter(new PrintStream(out, true)), "http://127.0.0.1:1/v1", "r-");
    for (int i = 0; i < 2; i++) {
      StreamTracker t = r.begin();
      r.complete(t, new dev.llmload.openai.TransportFailure("connection_refused", "connection refused", -1));
    }
    assertEquals(2, r.finish(Duration.ofSeconds(10)).records());
    String console = out.toString();
    assertEquals(1, console.split("ERROR: cannot append to requests.jsonl", -1).length - 1, console);
  }

  @Test
  void eachRecordNamesTheReplicaItsRequestWentTo() throws Exception {
    LevelSchedule schedule = new LevelSchedule(List.of(LoadLevel.concurrency(0, 2, Duration.ZERO, Duration.ofSeconds(60))));
    String a = "http://127.0.0.1:8001/v1";
    String b = "http://127.0.0.1:8002/v1";
    RunRecorder r = new RunRecorder(schedule, new RequestLog(dir.resolve("requests.jsonl")),
        new ConsoleReporter(new PrintStream(new ByteArrayOutputStream())), List.of(a, b), "r-");
    java.util.Map<String, String> endpoints = new java.util.concurrent.ConcurrentHashMap<>();
    r.onRecord(record -> endpoints.put(record.requestId(), record.endpoint()));
    long zero = System.nanoTime();
    r.anchorAtInjectionStart(zero, 1L);
    StreamTracker toB = r.begin(zero + 1_000_000);
    toB.endpoint(b);
    StreamTracker unset = r.begin(zero + 2_000_000);
    r.complete(toB, null);
    r.complete(unset, null);
    dev.llmload.metrics.RunAggregator aggregate = r.finish(Duration.ofSeconds(10));
    assertEquals(b, endpoints.get(toB.requestId()));
    assertEquals(a, endpoints.get(unset.requestId()), "a tracker without an endpoint: the first base URL");
    assertEquals(List.of(a, b), aggregate.endpointSummaries().stream().map(dev.llmload.metrics.EndpointSummary::endpoint).toList());
    assertEquals(1, aggregate.endpointSummaries().get(1).levels().get(0).requests().total());
  }

  @Test
  void eachRecordCarriesTheCountsOfItsRepliesText() throws Exception {
    LevelSchedule schedule = new LevelSchedule(List.of(LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(60))));
    RunRecorder r = new RunRecorder(schedule, new RequestLog(dir.resolve("requests.jsonl")),
        new ConsoleReporter(new PrintStream(new ByteArrayOutputStream())), "http://127.0.0.1:1/v1", "r-");
    List<dev.llmload.metrics.RequestRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    r.onRecord(records::add);
    long zero = System.nanoTime();
    r.anchorAtInjectionStart(zero, 1L);
    StreamTracker t = r.begin(zero + 1_000_000);
    t.onData("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
    t.onData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Spam, spam\"}}]}");
    t.onData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" and eggs.\"},\"finish_reason\":\"stop\"}]}");
    t.onData("[DONE]");
    r.complete(t, null);
    r.finish(Duration.ofSeconds(10));
    dev.llmload.metrics.RequestRecord record = records.get(0);
    // "Spam, spam and eggs.": 20 characters, 4 words, 3 distinct (case ignored)
    assertEquals(List.of(20, 4, 3), List.of(record.outputChars(), record.outputWords(), record.outputDistinctWords()));
  }
}

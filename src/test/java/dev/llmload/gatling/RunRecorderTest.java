package dev.llmload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void requestsBelongToTheLevelRunningWhenTheyWereSent() throws Exception {
    RunRecorder r = recorder();
    assertEquals(0, r.levelOf(0, 1));
    assertEquals(0, r.levelOf(14_999_999, 1), "a replacement user of c=1 just before the boundary");
    assertEquals(1, r.levelOf(15_000_000, 1));
    assertEquals(1, r.levelOf(29_000_000, 4));
  }

  @Test
  void anExtraUserJustBeforeAHigherLevelBelongsToIt() throws Exception {
    RunRecorder r = recorder();
    assertEquals(1, r.levelOf(14_987_000, 2), "in flight above c=1 within the grace: one of the users added for c=4");
    assertEquals(0, r.levelOf(15_000_000 - RunRecorder.BOUNDARY_GRACE_MICROS - 1, 2), "outside the grace it stays");
    assertEquals(1, r.levelOf(29_990_000, 4), "a level going down adds no users: nothing moves");
    assertEquals(2, r.levelOf(44_990_000, 3), "the last level has no next");
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
}

package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's timeline, against buckets worked out by hand. */
class TimelineTallyTest {

  /** Level 0: warm-up [0, 1 s), measured [1 s, 3 s); level 1: warm-up [3 s, 4 s), measured [4 s, 6 s). */
  private static final LevelSchedule TWO_LEVELS = new LevelSchedule(List.of(
      LoadLevel.concurrency(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(2)),
      LoadLevel.concurrency(1, 4, Duration.ofSeconds(1), Duration.ofSeconds(2))));

  private static Timeline tally(long untilMicros, RequestRecord... records) {
    TimelineTally t = new TimelineTally();
    for (RequestRecord r : records) {
      t.add(r);
    }
    return t.timeline(TWO_LEVELS, untilMicros);
  }

  @Test
  void tokensGoToTheSecondTheirChunkArrivedInAndInFlightIsTimeWeighted() {
    // A: sent at 0.5 s, 4 tokens (usage) in 2 chunks at 0.9 s and 1.2 s, ends at 1.5 s.
    // B: sent at 1.0 s, 3 chunks without usage (1 token each) at 1.1, 2.0 and 2.5 s, ends at 2.5 s; a warm-up
    //    request or a failure counts the same.
    RequestRecord a = Records.successful().send(500_000).chunks(900_000, 1_200_000).end(1_500_000).usage(10, 4).build();
    RequestRecord b = Records.incomplete("stream_cut", "cut").warmup().send(1_000_000).chunks(1_100_000, 2_000_000, 2_500_000)
        .end(2_500_000).build();
    Timeline t = tally(Long.MAX_VALUE, a, b);

    assertEquals(1.0, t.bucketSeconds());
    // second 0: A's first chunk (2 tokens); second 1: A's second (2) and B's first (1); second 2: B's last two
    assertEquals(List.of(2.0, 3.0, 2.0), t.outputTokensPerSecond());
    // second 0: A from 0.5 s = 0.5; second 1: A until 1.5 s (0.5) and B the whole second (1.0); second 2: B until 2.5 s
    assertEquals(List.of(0.5, 1.5, 0.5), t.inFlight());
  }

  @Test
  void eachSuccessfulRequestIsATtftPointAtItsSendTimeSortedByTime() {
    RequestRecord late = Records.successful().send(2_000_000).chunks(2_250_000).build();
    RequestRecord early = Records.successful().send(1_000_000).chunks(1_100_500).build();
    RequestRecord failed = Records.errored("http_error", "HTTP 500").send(1_500_000).end(1_600_000).build();
    RequestRecord cut = Records.incomplete("stream_cut", "cut").send(1_500_000).chunks(1_700_000).end(1_800_000).build();
    Timeline.TtftPoints p = tally(Long.MAX_VALUE, late, early, failed, cut).ttft();

    assertEquals(2, p.requests(), "successful requests only, like the level's TTFT");
    assertEquals(1, p.every());
    assertEquals(List.of(1.0, 2.0), p.seconds());
    assertEquals(List.of(100.5, 250.0), p.ms());
  }

  @Test
  void levelMarksAreTheSchedulesAndStopAtTheStop() {
    Timeline t = tally(Long.MAX_VALUE, Records.successful().send(0).chunks(10).build());
    assertEquals(List.of(new Timeline.LevelMarks(0, "c=1", 0, 1, 3), new Timeline.LevelMarks(1, "c=4", 3, 4, 6)), t.levels());
    assertEquals(1, tally(3_000_000, Records.successful().send(0).chunks(10).build()).levels().size(),
        "a run stopped at 3 s never started level 1");
    assertEquals(2, tally(3_000_001, Records.successful().send(0).chunks(10).build()).levels().size());
  }

  @Test
  void anEmptyRunHasAnEmptyTimelineWithItsLevels() {
    Timeline t = tally(Long.MAX_VALUE);
    assertEquals(List.of(), t.outputTokensPerSecond());
    assertEquals(List.of(), t.inFlight());
    assertEquals(0, t.ttft().requests());
    assertEquals(2, t.levels().size());
  }

  @Test
  void aRunLongerThanAnHourGetsWiderBucketsWithTheSameTotals() {
    // one request in flight from 0 to 2 h, one token a second: 7200 one-second buckets would be too many
    long end = 7_200_000_000L;
    long[] chunks = new long[7200];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = i * 1_000_000L + 500_000;
    }
    Timeline t = tally(Long.MAX_VALUE, Records.successful().send(0).chunks(chunks).end(end).build());

    assertEquals(2.0, t.bucketSeconds());
    assertEquals(3600, t.outputTokensPerSecond().size());
    assertTrue(t.outputTokensPerSecond().stream().allMatch(v -> v == 1.0), "still one token a second");
    assertTrue(t.inFlight().stream().allMatch(v -> v == 1.0), "still one request in flight");
  }

  @Test
  void widerBucketsDoNotDependOnWhenTheLongRequestCame() {
    RequestRecord shortOne = Records.successful().send(10_500_000).chunks(10_600_000, 10_700_000).end(11_200_000).build();
    RequestRecord longOne = Records.successful().send(0).chunks(5_000_000_000L).end(5_000_000_000L).build();
    assertEquals(tally(Long.MAX_VALUE, shortOne, longOne).outputTokensPerSecond(),
        tally(Long.MAX_VALUE, longOne, shortOne).outputTokensPerSecond());
    assertEquals(tally(Long.MAX_VALUE, shortOne, longOne).inFlight(), tally(Long.MAX_VALUE, longOne, shortOne).inFlight());
    assertEquals(List.of(1.0, 1.35, 1.0), tally(Long.MAX_VALUE, shortOne, longOne).inFlight().subList(4, 7),
        "2 s buckets: [10 s, 12 s) holds the long request and 0.7 s of the short one: (2 + 0.7) / 2 = 1.35");
    assertEquals(1.0, tally(Long.MAX_VALUE, shortOne, longOne).outputTokensPerSecond().get(5), "2 tokens in 2 s");
  }

  @Test
  void ttftPointsAreDownsampledToOneInEveryPowerOfTwo() {
    int n = 12_345;
    List<RequestRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(Records.successful().send(i * 1_000L).chunks(i * 1_000L + 10_000 + i).build());
    }
    Timeline.TtftPoints p = tally(Long.MAX_VALUE, records.toArray(RequestRecord[]::new)).ttft();

    assertEquals(n, p.requests());
    assertEquals(4, p.every(), "12345 / 2 = 6173 > 5000, / 4 = 3087");
    assertEquals((n + 3) / 4, p.seconds().size());
    assertTrue(p.seconds().size() <= TimelineTally.MAX_POINTS);
    for (int k = 0; k < p.seconds().size(); k++) {
      int i = 4 * k;
      assertEquals(i / 1000.0, p.seconds().get(k), 1e-9, "point " + k + " is request " + i);
      assertEquals((10_000 + i) / 1000.0, p.ms().get(k), 1e-9);
    }
  }

  @Test
  void atMostTheBoundEveryPointIsKept() {
    List<RequestRecord> records = new ArrayList<>();
    for (int i = 0; i < TimelineTally.MAX_POINTS; i++) {
      records.add(Records.successful().send(i * 1_000L).chunks(i * 1_000L + 5_000).build());
    }
    Timeline.TtftPoints p = tally(Long.MAX_VALUE, records.toArray(RequestRecord[]::new)).ttft();
    assertEquals(1, p.every());
    assertEquals(TimelineTally.MAX_POINTS, p.seconds().size());
  }

  @Test
  void aTimelineMustHaveOneValuePerBucketInEachSeries() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Timeline(1, List.of(1.0), List.of(),
        new Timeline.TtftPoints(0, 1, List.of(), List.of()), List.of()));
    assertEquals("outputTokensPerSecond and inFlight must have one value per bucket each, had 1 and 0", e.getMessage());
    assertEquals("every must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> new Timeline.TtftPoints(0, 0, List.of(), List.of())).getMessage());
  }
}

package dev.llmload.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The whole run over time, as {@code summary.json} holds it ({@code timeline}) and the report draws it: per time
 * bucket the output tokens/s and the requests in flight, the TTFT of each successful request at its send time, and
 * where each level starts. Times are seconds on the run clock; built by {@link TimelineTally} from every record, warm-up
 * included, whatever its outcome.
 *
 * @param bucketSeconds the width of each bucket: 1 s, doubled as often as a long run needs to stay within
 *     {@link TimelineTally#MAX_BUCKETS} buckets; bucket {@code i} covers {@code [i * bucketSeconds, (i + 1) * bucketSeconds)}
 * @param outputTokensPerSecond per bucket: output tokens whose content chunk arrived in it, divided by its width
 * @param inFlight per bucket: the mean number of requests in flight over it (sent, not yet ended), time-weighted
 * @param ttft the TTFT of successful requests over time, downsampled
 * @param levels where each level of the schedule starts, and where its measured window starts and ends
 */
public record Timeline(double bucketSeconds, List<Double> outputTokensPerSecond, List<Double> inFlight, TtftPoints ttft,
    List<LevelMarks> levels) {

  public Timeline {
    if (!(bucketSeconds > 0)) {
      throw new IllegalArgumentException("bucketSeconds must be above 0, was " + bucketSeconds);
    }
    outputTokensPerSecond = List.copyOf(outputTokensPerSecond);
    inFlight = List.copyOf(inFlight);
    if (outputTokensPerSecond.size() != inFlight.size()) {
      throw new IllegalArgumentException("outputTokensPerSecond and inFlight must have one value per bucket each, had "
          + outputTokensPerSecond.size() + " and " + inFlight.size());
    }
    Objects.requireNonNull(ttft, "ttft");
    levels = List.copyOf(levels);
  }

  /**
   * The TTFT (ms) of successful requests at their send time (s): every one while there are at most
   * {@link TimelineTally#MAX_POINTS}, else one in every {@code every} in the order they finished ({@code every} a power
   * of two, the smallest that keeps the points within the bound), sorted by send time.
   *
   * @param requests successful requests with a TTFT, shown or not
   * @param every one request in this many is shown
   */
  public record TtftPoints(long requests, long every, List<Double> seconds, List<Double> ms) {

    public TtftPoints {
      if (every < 1) {
        throw new IllegalArgumentException("every must be at least 1, was " + every);
      }
      seconds = List.copyOf(seconds);
      ms = List.copyOf(ms);
      if (seconds.size() != ms.size()) {
        throw new IllegalArgumentException("seconds and ms must have one value per point each, had " + seconds.size() + " and " + ms.size());
      }
    }
  }

  /**
   * One level's place on the run clock (seconds): it starts (its warm-up, if any), its measured window starts and
   * ends (the level's end).
   */
  public record LevelMarks(int index, String label, double startSeconds, double measuredStartSeconds, double endSeconds) {

    public LevelMarks {
      if (measuredStartSeconds < startSeconds || endSeconds < measuredStartSeconds) {
        throw new IllegalArgumentException("a level must start, then be measured, then end: " + startSeconds + ", " + measuredStartSeconds
            + ", " + endSeconds);
      }
    }
  }
}

package dev.llmload.metrics;

import dev.llmload.workload.LoadLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Accumulates one level. Not thread-safe: only the recorder thread touches it. Latency values are recorded in
 * microseconds (HdrHistogram, 3 significant digits) and only for successful, non-warmup requests.
 */
final class LevelStats {

  /** One hour, in microseconds: the largest latency a histogram holds (larger values are clamped). */
  static final long HIGHEST_MICROS = 3_600_000_000L;

  final LoadLevel level;
  /** Time to response headers. */
  final Histogram headers = histogram();
  final Histogram ttft = histogram();
  /** Open workloads: send - scheduled, every measured request; TTFT and E2E from the scheduled time. */
  final Histogram sendLag = histogram();
  final Histogram ttftFromScheduled = histogram();
  final Histogram e2eFromScheduled = histogram();
  final Histogram itl = histogram();
  final Histogram tpot = histogram();
  final Histogram e2e = histogram();
  /** Per-request output tokens/s, recorded in milli-tokens/s. */
  final Histogram requestTokensPerSecond = histogram();
  long successful;
  long errored;
  long incomplete;
  long warmupRequests;
  long inputTokensSum;
  long inputTokensCount;
  long outputTokensSum;
  long withUsage;
  long withoutUsage;
  long inFlightSum;
  long inFlightCount;
  long connectionRetries;
  /** Open workloads: measured requests sent / scheduled inside the measured window. */
  long sentInWindow;
  long scheduledInWindow;
  double windowOutputTokens;
  long windowInputTokens;
  long windowCompletions;
  /** Successful measured requests that asked for a length: what they asked for, what the server counted. */
  long requestedInputSum;
  long receivedInputSum;
  long inputLengthRequests;
  long requestedOutputSum;
  long receivedOutputSum;
  long outputLengthRequests;
  /** By failure class, in the order they first occurred. */
  final Map<FailureKind, ErrorCount> errors = new LinkedHashMap<>();
  /** Successful requests whose server said how many prompt tokens came from its prefix cache: those tokens, their prompts. */
  long cachedPromptTokensSum;
  long cachedPromptTokensCount;
  long promptTokensOfCachedSum;
  /** Measured requests that met every limit of the run's SLO, and the text of the successful ones. */
  final SloTally slo = new SloTally();
  final TextTally text = new TextTally();

  LevelStats(LoadLevel level) {
    this.level = level;
  }

  private static Histogram histogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  static void record(Histogram h, long value) {
    h.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, value)));
  }

  void countError(FailureKind kind, String message) {
    countError(kind, message, 1);
  }

  void countError(FailureKind kind, String message, long n) {
    errors.computeIfAbsent(kind, k -> new ErrorCount(0, message)).count += n;
  }

  /** How many requests of one failure class, with the first message seen. */
  static final class ErrorCount {
    long count;
    final String sample;

    ErrorCount(long count, String sample) {
      this.count = count;
      this.sample = sample;
    }
  }
}

package dev.llmload.metrics;

import dev.llmload.config.SloSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Service level objectives ({@link SloSettings}) applied: to one request ({@link #good}) and to one level's figures
 * ({@link #judge}). Pure. README "SLOs, goodput and cost" and {@link MetricDefinition#ATTAINMENT} and the rows after it
 * state the same rules.
 */
public final class SloCheck {

  private SloCheck() {}

  /**
   * True when the request is <em>good</em>: it succeeded and meets every latency limit set - its TTFT, its TPOT, its
   * longest gap between content chunks (every ITL within the limit) and its E2E each at most the limit. A value the
   * request does not have misses a TTFT or E2E limit (no content arrived) and meets a TPOT or ITL limit (a reply of one
   * token or one chunk has nothing to exceed it, as vLLM counts a one-token TPOT as 0). Errored and incomplete requests
   * are never good.
   */
  public static boolean good(SloSettings slo, RequestRecord r) {
    if (r.outcome() != Outcome.SUCCESSFUL) {
      return false;
    }
    if (slo.ttftMs() != null && !within(RequestMetrics.ttftMicros(r), slo.ttftMs())) {
      return false;
    }
    if (slo.tpotMs() != null) {
      OptionalDouble tpot = RequestMetrics.tpotMicros(r);
      if (tpot.isPresent() && tpot.getAsDouble() > slo.tpotMs() * 1000) {
        return false;
      }
    }
    if (slo.itlMs() != null) {
      for (long gap : RequestMetrics.itlMicros(r)) {
        if (gap > slo.itlMs() * 1000) {
          return false;
        }
      }
    }
    return slo.e2eMs() == null || within(RequestMetrics.e2eMicros(r), slo.e2eMs());
  }

  private static boolean within(OptionalLong micros, double limitMs) {
    return micros.isPresent() && micros.getAsLong() <= limitMs * 1000;
  }

  /**
   * What one level's figures say against {@code slo}.
   *
   * @param measured the level's measured requests, every outcome
   * @param failed those of them that errored or were incomplete
   * @param good those of them that were good ({@link #good})
   * @param goodOutputTokens the output tokens of the good ones
   * @param seconds the level's measured window
   * @param ttftMs the {@code slo.percentile()}-th percentile of the level's TTFT in milliseconds; null when it has no
   *     value or no TTFT limit is set (and likewise the three after it: TPOT, the pooled ITL gaps, E2E)
   */
  public record LevelFigures(long measured, long failed, long good, double goodOutputTokens, double seconds, Double ttftMs, Double tpotMs,
      Double itlMs, Double e2eMs) {

    public LevelFigures {
      if (measured < 0 || failed < 0 || good < 0 || failed + good > measured) {
        throw new IllegalArgumentException("failed and good must be parts of measured, were " + failed + " and " + good + " of " + measured);
      }
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("seconds must be positive, was " + seconds);
      }
    }
  }

  /**
   * The level's attainment, goodput and verdict. It meets the SLO when it had a successful request, its failed share
   * is at most {@code maxErrorRate} (when set), and - with {@code perRequest} false - each limited metric's percentile is
   * within its limit (a TTFT or E2E without a value misses, a TPOT or ITL without one has nothing to exceed), or - with
   * {@code perRequest} true - its attainment is at least {@code percentile} / 100. The sentence of what it missed names
   * every miss. Null when {@code slo} judges nothing.
   */
  public static LevelSummary.Slo judge(SloSettings slo, LevelFigures f) {
    if (!slo.defined()) {
      return null;
    }
    List<String> missed = new ArrayList<>();
    if (f.measured() == 0) {
      missed.add("no measured request");
    } else if (f.failed() == f.measured()) {
      missed.add("no successful request");
    }
    if (f.measured() > 0 && slo.maxErrorRate() != null && f.failed() > slo.maxErrorRate() * f.measured()) {
      missed.add(String.format(Locale.ROOT, "error rate %s %% above %s %%", number(100.0 * f.failed() / f.measured()),
          number(slo.maxErrorRate() * 100)));
    }
    if (slo.latencyLimited() && f.measured() > f.failed()) {
      if (slo.perRequest()) {
        if (f.good() * 100.0 < slo.percentile() * f.measured()) {
          missed.add(String.format(Locale.ROOT, "attainment %s %% below %s %%", number(100.0 * f.good() / f.measured()),
              number(slo.percentile())));
        }
      } else {
        String p = "p" + number(slo.percentile());
        limit(missed, "TTFT", p, slo.ttftMs(), f.ttftMs(), true);
        limit(missed, "TPOT", p, slo.tpotMs(), f.tpotMs(), false);
        limit(missed, "ITL", p, slo.itlMs(), f.itlMs(), false);
        limit(missed, "E2E", p, slo.e2eMs(), f.e2eMs(), true);
      }
    }
    return new LevelSummary.Slo(f.measured() == 0 ? null : Math.round((double) f.good() / f.measured() * 10_000) / 10_000.0,
        Percentiles.round(f.good() / f.seconds()), Percentiles.round(f.goodOutputTokens() / f.seconds()), missed.isEmpty(),
        missed.isEmpty() ? null : String.join("; ", missed));
  }

  private static void limit(List<String> missed, String metric, String percentile, Double limitMs, Double valueMs, boolean required) {
    if (limitMs == null) {
      return;
    }
    if (valueMs == null) {
      if (required) {
        missed.add("no " + metric + " value");
      }
    } else if (valueMs > limitMs) {
      missed.add(String.format(Locale.ROOT, "%s %s %s ms above %s ms", metric, percentile, number(valueMs), number(limitMs)));
    }
  }

  /** {@code 95}, {@code 99.9}, {@code 612.345}: at most three decimals, trailing zeros dropped. */
  static String number(double v) {
    return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}

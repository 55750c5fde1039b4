package dev.llmload.config;

/**
 * Service level objectives ({@code llm.slo}): latency limits, the percentile they are held at, and a maximum error
 * rate. Every request of a level is checked against the latency limits one by one - a request is <em>good</em> when it
 * succeeded and met every limit set (attainment and goodput count those, always) - and the level as a whole
 * <em>meets</em> the SLO when, with {@code perRequest} false, each limited metric's {@code percentile}-th percentile
 * over the level is within its limit, or, with {@code perRequest} true, at least {@code percentile} % of its requests
 * are good; in both cases its failed share must be at most {@code maxErrorRate} when that is set. README "SLOs,
 * goodput and cost" states the formulas; {@code dev.llmload.metrics.SloCheck} computes them.
 *
 * @param ttftMs TTFT limit in milliseconds; null: none
 * @param tpotMs TPOT limit in milliseconds; null: none
 * @param itlMs ITL limit in milliseconds (per request: its longest gap; per level: the pooled gaps); null: none
 * @param e2eMs E2E limit in milliseconds; null: none
 * @param percentile above 0 and at most 100: the percentile each limit is held at, or with {@code perRequest} the
 *     share of requests (in percent) that must be good
 * @param perRequest how a level is judged against the latency limits: false, each metric's percentile; true, its
 *     attainment
 * @param maxErrorRate the largest share (0 to 1) of a level's measured requests that may fail (errored or
 *     incomplete); null: not judged
 */
public record SloSettings(Double ttftMs, Double tpotMs, Double itlMs, Double e2eMs, double percentile, boolean perRequest,
    Double maxErrorRate) {

  /** No objective: nothing is judged, the reports carry no SLO. */
  public static final SloSettings NONE = new SloSettings(null, null, null, null, 95, false, null);

  public SloSettings {
    positive("llm.slo.ttftMs", ttftMs);
    positive("llm.slo.tpotMs", tpotMs);
    positive("llm.slo.itlMs", itlMs);
    positive("llm.slo.e2eMs", e2eMs);
    if (!(percentile > 0) || percentile > 100) {
      throw ConfigException.invalid("llm.slo.percentile", percentile, "must be above 0 and at most 100, e.g. 95 or 99.9");
    }
    if (maxErrorRate != null && (!(maxErrorRate >= 0) || maxErrorRate > 1)) {
      throw ConfigException.invalid("llm.slo.maxErrorRate", maxErrorRate, "must be between 0 and 1, e.g. 0.01 for 1 %; null: not judged");
    }
  }

  private static void positive(String key, Double limitMs) {
    if (limitMs != null && !(limitMs > 0)) {
      throw ConfigException.invalid(key, limitMs, "must be a positive number of milliseconds such as 500; null: no limit");
    }
  }

  /** True when any latency limit is set. */
  public boolean latencyLimited() {
    return ttftMs != null || tpotMs != null || itlMs != null || e2eMs != null;
  }

  /** True when anything is judged: a latency limit or the error rate. False for {@link #NONE}. */
  public boolean defined() {
    return latencyLimited() || maxErrorRate != null;
  }
}

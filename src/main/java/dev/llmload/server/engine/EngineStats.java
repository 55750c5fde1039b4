package dev.llmload.server.engine;

/**
 * A snapshot of the engine published by {@link EngineLoop} after every step, for metrics.
 *
 * @param running sequences running
 * @param waiting sequences waiting
 * @param kvCacheUsage reserved KV tokens over the budget, 0 to 1
 * @param preemptionsTotal preemptions since start
 * @param generatedTokensTotal tokens generated since start
 * @param stepsTotal engine steps since start
 * @param lateStepsTotal steps that began more than {@link EngineLoop#MAX_LAG_NANOS} behind schedule
 * @param prefixCacheQueriesTotal prompt tokens looked up in the prefix cache since start
 * @param prefixCacheHitsTotal prompt tokens found in the prefix cache since start
 */
public record EngineStats(
    int running,
    int waiting,
    double kvCacheUsage,
    long preemptionsTotal,
    long generatedTokensTotal,
    long stepsTotal,
    long lateStepsTotal,
    long prefixCacheQueriesTotal,
    long prefixCacheHitsTotal) {

  public static final EngineStats EMPTY = new EngineStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
